/**
 * DefaultBinder (upstream plugins/defaultbinder): binds a pod by POSTing a Binding to its `pods/binding`
 * subresource; the API server sets `spec.nodeName` and the PodScheduled condition. The answer is not decoded:
 * only whether the server took the binding counts (as upstream's client Bind returns only an error).
 */
import type { Binding } from '../../../api/core/v1/binding.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { ResourceClient } from '../../../client/rest/resource-client.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { BindPlugin, Handle, PluginFactory } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';

export const NAME = 'DefaultBinder';

/** DefaultBinder takes no arguments. */
export type DefaultBinderArgs = undefined;

const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;

/** The Binding that assigns `pod` (by namespace, name and uid) to the node `nodeName`. */
export function bindingFor(pod: Pod, nodeName: string): Binding {
  const { name, namespace, uid } = pod.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Binding',
    metadata: { name, namespace, uid },
    target: { kind: 'Node', name: nodeName },
  };
}

export class DefaultBinder implements BindPlugin {
  readonly name = NAME;
  private pods: ResourceClient<Pod> | undefined;

  constructor(private readonly handle: Handle) {}

  /**
   * Posts the Binding. Success once the server accepted it; any failure (an ApiError such as 409 "already
   * assigned" or 404, or a transport error) becomes an Error status carrying its message.
   */
  async bind(_state: CycleState, pod: Pod, nodeName: string): Promise<Status> {
    const binding = bindingFor(pod, nodeName);
    try {
      this.pods ??= this.handle.client.resource<Pod>(PODS);
      await this.pods.createSubresource(
        binding.metadata?.namespace ?? '',
        binding.metadata?.name ?? '',
        'binding',
        binding,
        { discardResult: true },
      );
      return Status.SUCCESS;
    } catch (err) {
      return Status.error(err instanceof Error ? err.message : String(err));
    }
  }
}

export const newDefaultBinder: PluginFactory = (_args, handle) => new DefaultBinder(handle);
