import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { parse } from 'yaml';

export interface ApiResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

interface Kubeconfig {
  clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
  users: { user: { 'client-certificate-data': string; 'client-key-data': string } }[];
}

/** Raw HTTPS requests to the API server as the kubeconfig's user (the admin). */
export class ApiClient {
  private readonly agent: Agent;
  readonly server: string;

  constructor(kubeconfigPath: string) {
    const config = parse(readFileSync(kubeconfigPath, 'utf8')) as Kubeconfig;
    const cluster = config.clusters[0]!.cluster;
    const user = config.users[0]!.user;
    const decode = (s: string): string => Buffer.from(s, 'base64').toString('utf8');
    this.server = cluster.server;
    this.agent = new Agent({
      ca: decode(cluster['certificate-authority-data']),
      cert: decode(user['client-certificate-data']),
      key: decode(user['client-key-data']),
      keepAlive: true,
      maxSockets: 8,
    });
  }

  request(
    method: string,
    path: string,
    body?: string | Buffer,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse> {
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, this.server),
        {
          method,
          agent: this.agent,
          headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
