/**
 * What a pod requires of a node's labels (upstream nodeaffinity.RequiredNodeAffinity): its `nodeSelector`
 * (every pair equal) and its required node affinity terms (any one matching). PodTopologySpread's
 * `nodeAffinityPolicy: Honor` reuses it to decide which nodes count.
 */
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { FieldError } from '../../../machinery/field-errors.js';
import { CompiledNodeSelector } from './node-selector.js';

export class RequiredNodeAffinity {
  private constructor(
    /** `nodeSelector` as key/value pairs; undefined when the pod has none. */
    private readonly pairs: readonly (readonly [string, string])[] | undefined,
    /** The required node affinity; undefined when the pod has none. */
    readonly selector: CompiledNodeSelector | undefined,
  ) {}

  /** Compiles `pod`'s nodeSelector and required node affinity. */
  static of(pod: Pod): RequiredNodeAffinity {
    const nodeSelector = pod.spec?.nodeSelector;
    const pairs = nodeSelector === undefined ? [] : Object.entries(nodeSelector);
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    return new RequiredNodeAffinity(
      pairs.length > 0 ? pairs : undefined,
      required == null ? undefined : new CompiledNodeSelector(required),
    );
  }

  /** Whether `node` satisfies both. Terms that do not parse match nothing. */
  matches(node: Node): boolean {
    if (this.pairs !== undefined) {
      const labels = node.metadata?.labels;
      if (labels === undefined) return false;
      for (const [key, value] of this.pairs) {
        // A present label equal to `value` (a string, so never an inherited Object.prototype member).
        if (labels[key] !== value) return false;
      }
    }
    return this.selector === undefined || this.selector.matches(node);
  }

  /** Parse errors of the required terms (upstream reports them only when no term matched). */
  get errors(): readonly FieldError[] {
    return this.selector?.errors ?? [];
  }
}
