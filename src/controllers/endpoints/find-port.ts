/**
 * The pod port a Service port sends to (upstream FindPort): a numeric targetPort as it is; a named one looked
 * up among the pod's container ports of the same protocol, then among its sidecars (init containers with
 * `restartPolicy: Always`). Pods of one Service may resolve a name to different numbers.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { ServicePort } from '../../api/core/v1/service.js';

interface PortsHolder {
  readonly ports?: readonly { readonly name?: string; readonly containerPort?: number; readonly protocol?: string }[];
}

/** The port number `servicePort` resolves to on `pod`, or undefined when the pod has no such named port. */
export function findPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  const protocol = servicePort.protocol ?? 'TCP';
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const container of [...(pod.spec?.containers ?? []), ...sidecars] as PortsHolder[]) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? 'TCP') === protocol) return port.containerPort;
    }
  }
  return undefined;
}
