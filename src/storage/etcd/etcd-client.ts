import { Etcd3, type IOptions } from 'etcd3';

type FaultHandling = NonNullable<IOptions['faultHandling']>;
type FaultPolicy = NonNullable<FaultHandling['global']>;
type WatchBackoff = NonNullable<FaultHandling['watchBackoff']>;

const WATCH_RETRY_FIRST_MS = 100;
const WATCH_RETRY_MAX_MS = 2_000;

/**
 * A policy that runs each call once. etcd3's default global policy retries every "recoverable" failure
 * three times, writes included, and a timed-out write may already be committed: retrying it would turn a
 * successful create into "already exists". The store retries by itself instead (see `callEtcd`), knowing
 * which calls are safe to repeat. etcd3 only ever calls `execute` on this policy.
 */
const runOnce = {
  execute: <T>(fn: (context: { signal: AbortSignal }) => PromiseLike<T> | T): Promise<T> =>
    Promise.resolve().then(() => fn({ signal: new AbortController().signal })),
} as unknown as FaultPolicy;

/**
 * How long etcd3 waits before re-opening the shared watch stream after it broke: 100 ms doubling to 2 s
 * (reset by any response). etcd3's default grows to 30 s, which would stall every watch of the store for
 * that long after a member restart or a leader change.
 */
function watchBackoff(durationMs: number): WatchBackoff {
  return { duration: durationMs, next: () => watchBackoff(Math.min(durationMs * 2, WATCH_RETRY_MAX_MS)) };
}

/**
 * An etcd3 client for the store. Keeps etcd3's per-endpoint circuit breaker (an endpoint failing three
 * times in a row is skipped for 5 s, which is how calls move off a dead member). Responses may be any
 * size (gRPC's 4 MiB default breaks large lists), and keepalive pings (30 s, as kube-apiserver) notice a
 * member that vanished without closing its connections.
 */
export function createEtcdClient(endpoints: readonly string[]): Etcd3 {
  return new Etcd3({
    hosts: [...endpoints],
    grpcOptions: {
      'grpc.max_receive_message_length': -1,
      'grpc.keepalive_time_ms': 30_000,
      'grpc.keepalive_timeout_ms': 10_000,
    },
    faultHandling: { global: runOnce, watchBackoff: { duration: 0, next: () => watchBackoff(WATCH_RETRY_FIRST_MS) } },
  });
}
