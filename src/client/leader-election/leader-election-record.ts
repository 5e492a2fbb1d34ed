/**
 * The leader election record: who holds the lock, for how long, since when, and how often it changed hands;
 * and its form in a Lease's spec (times as MicroTime, RFC 3339 with microseconds).
 */
import type { LeaseSpec } from '../../api/coordination/v1/lease.js';

export interface LeaderElectionRecord {
  /** '' when nobody holds the lock (after a release). */
  readonly holderIdentity: string;
  readonly leaseDurationSeconds: number;
  /** When the holder acquired the lock (ms since the epoch). */
  readonly acquireTime: number;
  /** When the holder last renewed it (ms since the epoch). */
  readonly renewTime: number;
  readonly leaderTransitions: number;
}

/** `2024-01-01T00:00:00.123000Z`: a MicroTime (Go's RFC3339Micro in UTC) for `ms` since the epoch. */
export function formatMicroTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Milliseconds since the epoch of a MicroTime or RFC 3339 time (sub-millisecond digits dropped); 0 if absent or unreadable. */
export function parseMicroTime(text: string | undefined): number {
  if (!text) return 0;
  const truncated = text.replace(/\.(\d{3})\d*/, '.$1');
  const ms = Date.parse(truncated);
  return Number.isNaN(ms) ? 0 : ms;
}

export function recordFromLeaseSpec(spec: LeaseSpec | undefined): LeaderElectionRecord {
  return {
    holderIdentity: spec?.holderIdentity ?? '',
    leaseDurationSeconds: spec?.leaseDurationSeconds ?? 0,
    acquireTime: parseMicroTime(spec?.acquireTime),
    renewTime: parseMicroTime(spec?.renewTime),
    leaderTransitions: spec?.leaseTransitions ?? 0,
  };
}

export function leaseSpecFromRecord(record: LeaderElectionRecord): LeaseSpec {
  return {
    holderIdentity: record.holderIdentity,
    leaseDurationSeconds: record.leaseDurationSeconds,
    acquireTime: formatMicroTime(record.acquireTime),
    renewTime: formatMicroTime(record.renewTime),
    leaseTransitions: record.leaderTransitions,
  };
}

/** A canonical text of the record, to tell whether what the lock holds changed since last seen. */
export const recordFingerprint = (r: LeaderElectionRecord): string =>
  JSON.stringify([r.holderIdentity, r.leaseDurationSeconds, r.acquireTime, r.renewTime, r.leaderTransitions]);
