/** How to reach etcd and how patiently (see `openEtcdStore`). */
export interface EtcdStoreOptions {
  /** etcd client URLs (`http://127.0.0.1:2379`); several for a cluster. */
  readonly endpoints: readonly string[];
  /** Put in front of every key in etcd, so that several stores can share one etcd. Default: none. */
  readonly prefix?: string;
  /** How long `openEtcdStore` keeps trying to reach etcd before it gives up. Default 60 s. */
  readonly connectDeadlineMs?: number;
  /** The first wait between connection attempts; it doubles up to 8 s. Default 500 ms. */
  readonly connectRetryMs?: number;
  /** How long one call may take, retries included, before it fails with UnavailableError. Default 15 s. */
  readonly requestTimeoutMs?: number;
  /**
   * Events one watch may buffer for a slow consumer before it leaves its shared etcd watch (and later catches
   * up from history). Default 1000.
   */
  readonly maxBufferedWatchEvents?: number;
  /**
   * Newest events each shared etcd watch keeps, so that a watch starting among them needs no etcd watch of
   * its own. Default 10,000.
   */
  readonly watchHistoryEvents?: number;
  /** Where connection problems are reported, one line each. Default: standard error. */
  readonly log?: (line: string) => void;
}
