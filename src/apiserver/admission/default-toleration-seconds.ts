/**
 * DefaultTolerationSeconds, as kube-apiserver's admission plugin: every pod that does not already tolerate
 * the `node.kubernetes.io/not-ready` and `node.kubernetes.io/unreachable` NoExecute taints gets a toleration
 * for each, bounded in time (300 s by default), so that its pods are evicted from a lost node after that
 * long rather than at once (no toleration) or never (an unbounded one).
 */
import type { AdmissionAttributes, AdmissionPlugin } from './admission.js';

/** The taint the node lifecycle controller puts on a node whose Ready condition is False. */
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
/** The taint the node lifecycle controller puts on a node whose Ready condition is Unknown. */
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
/** Upstream's default for both `--default-not-ready-toleration-seconds` and `--default-unreachable-toleration-seconds`. */
export const DEFAULT_TOLERATION_SECONDS = 300;

export interface DefaultTolerationSecondsOptions {
  /** tolerationSeconds of the added not-ready toleration (default 300). */
  readonly notReadySeconds?: number;
  /** tolerationSeconds of the added unreachable toleration (default 300). */
  readonly unreachableSeconds?: number;
}

interface TolerationLike {
  key?: string;
  operator?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/**
 * Whether a toleration covers the NoExecute taint with key `taintKey`, judged as upstream's plugin judges
 * it: by key (empty matches every key) and effect (empty matches every effect), whatever its operator.
 */
export function toleratesNoExecute(toleration: TolerationLike, taintKey: string): boolean {
  const key = toleration.key ?? '';
  const effect = toleration.effect ?? '';
  return (key === taintKey || key === '') && (effect === 'NoExecute' || effect === '');
}

export class DefaultTolerationSeconds implements AdmissionPlugin {
  readonly name = 'DefaultTolerationSeconds';
  private readonly notReadySeconds: number;
  private readonly unreachableSeconds: number;

  constructor(options: DefaultTolerationSecondsOptions = {}) {
    this.notReadySeconds = options.notReadySeconds ?? DEFAULT_TOLERATION_SECONDS;
    this.unreachableSeconds = options.unreachableSeconds ?? DEFAULT_TOLERATION_SECONDS;
  }

  /** A pod's CREATE or UPDATE (not its subresources'). */
  handles(a: AdmissionAttributes): boolean {
    const { group, plural } = a.resource.kind;
    return group === '' && plural === 'pods' && a.subresource === undefined && a.operation !== 'DELETE';
  }

  /**
   * On a pod's CREATE or UPDATE (not its subresources), appends the not-ready and unreachable tolerations
   * the pod lacks. Mutates `a.object.spec.tolerations`; never refuses.
   */
  async admit(a: AdmissionAttributes): Promise<void> {
    if (!this.handles(a) || a.object === undefined) return;
    const spec = (a.object.spec ??= {}) as { tolerations?: TolerationLike[] };
    const existing = spec.tolerations ?? [];
    const added: TolerationLike[] = [];
    for (const [key, seconds] of [
      [TAINT_NODE_NOT_READY, this.notReadySeconds],
      [TAINT_NODE_UNREACHABLE, this.unreachableSeconds],
    ] as const) {
      if (!existing.some((t) => toleratesNoExecute(t, key)))
        added.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
    }
    if (added.length > 0) spec.tolerations = [...existing, ...added];
  }
}
