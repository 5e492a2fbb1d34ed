/** Where the API server is and how to prove who we are to it: what a kubeconfig boils down to. */
export interface ClientConfig {
  /** The server's base URL, e.g. `https://127.0.0.1:6443` (a path prefix is kept). `http:` is allowed. */
  readonly server: string;
  /** PEM of the CA(s) that sign the server's certificate; absent: the system's roots. */
  readonly ca?: string;
  /** PEM client certificate (with `key`) for TLS client authentication. */
  readonly cert?: string;
  /** PEM private key of `cert`. */
  readonly key?: string;
  /** A bearer token, sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Accept any server certificate. For tests and first contact only. */
  readonly insecureSkipTLSVerify?: boolean;
  /** The name to check the server certificate against, when not the URL's host. */
  readonly tlsServerName?: string;
  /** The context's default namespace, if it names one. */
  readonly namespace?: string;
}
