/**
 * The admission stage: plugins that may change (mutating) or refuse (validating) a write after it passed
 * the resource's own validation and before it is stored. The chain is empty until admission plugins come.
 */
import type { Resource } from '../registry/generic/resource.js';
import type { ApiObject, UserInfo } from '../registry/strategy.js';

export interface AdmissionAttributes {
  readonly operation: 'CREATE' | 'UPDATE' | 'DELETE';
  readonly resource: Resource;
  readonly subresource?: string;
  readonly namespace: string | undefined;
  readonly name: string;
  /** The object to be stored (mutating plugins may change it); undefined for DELETE. */
  readonly object: ApiObject | undefined;
  readonly oldObject: ApiObject | undefined;
  readonly user: UserInfo | undefined;
  readonly dryRun: boolean;
}

export interface AdmissionPlugin {
  readonly name: string;
  /**
   * Whether the plugin has anything to do with this request (upstream's `Handles`): the chain calls it for
   * those requests only, so that a write no plugin cares about (an event, a binding) costs no awaits.
   */
  handles(attributes: AdmissionAttributes): boolean;
  /** Mutating plugins change `attributes.object`; run in order before any validation. */
  admit?(attributes: AdmissionAttributes): Promise<void>;
  /** Refuses the request by throwing a StatusError (usually 403 Forbidden or 422 Invalid). */
  validate?(attributes: AdmissionAttributes): Promise<void>;
}

/** Runs every mutating plugin, then every validating one. */
export class AdmissionChain {
  constructor(private readonly plugins: readonly AdmissionPlugin[]) {}

  async run(attributes: AdmissionAttributes): Promise<void> {
    for (const p of this.plugins) if (p.admit !== undefined && p.handles(attributes)) await p.admit(attributes);
    for (const p of this.plugins) if (p.validate !== undefined && p.handles(attributes)) await p.validate(attributes);
  }
}
