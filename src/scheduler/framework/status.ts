/**
 * The outcome of a plugin call (upstream framework.Status). Success is one shared frozen value so that the
 * hot Filter path allocates nothing; every other outcome carries its reasons and the plugin that gave it.
 */
export const Code = {
  Success: 'Success',
  Error: 'Error',
  /** The pod does not fit now; preemption might help. */
  Unschedulable: 'Unschedulable',
  /** The pod does not fit and preemption cannot change that on this node. */
  UnschedulableAndUnresolvable: 'UnschedulableAndUnresolvable',
  /** Permit: hold the pod until allowed or timed out. */
  Wait: 'Wait',
  /** The plugin has nothing to do for this pod (PreFilter/PreScore), or passes to the next binder (Bind). */
  Skip: 'Skip',
  /** PreEnqueue: the pod must wait in the unschedulable pool (e.g. scheduling gates). */
  Pending: 'Pending',
} as const;
export type Code = (typeof Code)[keyof typeof Code];

export class Status {
  private constructor(
    readonly code: Code,
    readonly reasons: readonly string[],
    /** The plugin that returned this status (set by the framework when it records a failure). */
    readonly plugin: string,
  ) {
    Object.freeze(this);
  }

  static readonly SUCCESS = new Status(Code.Success, [], '');
  static readonly SKIP = new Status(Code.Skip, [], '');

  static of(code: Code, ...reasons: string[]): Status {
    return code === Code.Success && reasons.length === 0 ? Status.SUCCESS : new Status(code, reasons, '');
  }
  static unschedulable(...reasons: string[]): Status {
    return new Status(Code.Unschedulable, reasons, '');
  }
  static unresolvable(...reasons: string[]): Status {
    return new Status(Code.UnschedulableAndUnresolvable, reasons, '');
  }
  static error(message: string): Status {
    return new Status(Code.Error, [message], '');
  }

  /** This status with `plugin` recorded as its origin. */
  withPlugin(plugin: string): Status {
    return this.plugin === plugin ? this : new Status(this.code, this.reasons, plugin);
  }

  isSuccess(): boolean {
    return this.code === Code.Success;
  }
  isSkip(): boolean {
    return this.code === Code.Skip;
  }
  /** Unschedulable or UnschedulableAndUnresolvable: the pod did not fit (not an error). */
  isRejected(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable;
  }
  message(): string {
    return this.reasons.join(', ');
  }
}
