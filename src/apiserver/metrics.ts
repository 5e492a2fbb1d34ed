/** The API server's own metrics on /metrics, in Prometheus text format. */
import type { RequestInfo, ResourceRequest } from './request/request-info.js';

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly latencySum = new Map<string, number>();
  /** Long-running requests (watches) in progress, by their labels; a series stays at 0 once seen. */
  private readonly longRunning = new Map<string, number>();
  private readonly sources: (() => string)[] = [];

  /** Adds the metrics of another component of this process (Prometheus text, rendered on each scrape). */
  addSource(render: () => string): void {
    this.sources.push(render);
  }

  observeRequest(info: RequestInfo, code: number, ms: number): void {
    const resource = info.kind === 'resource' ? info.resource : '';
    const group = info.kind === 'resource' ? info.group : '';
    const subresource = info.kind === 'resource' ? (info.subresource ?? '') : '';
    const verb = info.verb.toUpperCase();
    const key = `verb="${verb}",group="${group}",resource="${resource}",subresource="${subresource}",code="${code}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const latencyKey = `verb="${verb}",group="${group}",resource="${resource}"`;
    this.latencySum.set(latencyKey, (this.latencySum.get(latencyKey) ?? 0) + ms / 1000);
  }

  /** A long-running request (a watch) starts (+1) or ends (-1). */
  trackLongRunning(info: ResourceRequest, delta: 1 | -1): void {
    // Upstream's scope: one object, a namespace's, or the cluster's.
    const scope = info.name !== undefined ? 'resource' : info.namespace !== undefined ? 'namespace' : 'cluster';
    const key =
      `component="apiserver",group="${info.group}",resource="${info.resource}",scope="${scope}",` +
      `subresource="${info.subresource ?? ''}",verb="${info.verb.toUpperCase()}",version="${info.version}"`;
    this.longRunning.set(key, (this.longRunning.get(key) ?? 0) + delta);
  }

  render(): string {
    const lines = [
      '# HELP apiserver_request_total Counter of apiserver requests broken out for each verb, group, resource, subresource and HTTP response code.',
      '# TYPE apiserver_request_total counter',
      ...[...this.requests].map(([k, v]) => `apiserver_request_total{${k}} ${v}`),
      '# HELP apiserver_request_duration_seconds_sum Total time spent serving requests, by verb, group and resource.',
      '# TYPE apiserver_request_duration_seconds_sum counter',
      ...[...this.latencySum].map(([k, v]) => `apiserver_request_duration_seconds_sum{${k}} ${v.toFixed(6)}`),
      '# HELP apiserver_longrunning_requests Gauge of all active long-running apiserver requests broken out by verb, group, version, resource, scope and component. Not all requests are tracked this way.',
      '# TYPE apiserver_longrunning_requests gauge',
      ...[...this.longRunning].map(([k, v]) => `apiserver_longrunning_requests{${k}} ${v}`),
      ...memoryLines(),
    ];
    return `${lines.join('\n')}\n${this.sources.map((render) => render()).join('')}`;
  }
}

/** Resident memory, and how much of it is the JavaScript heap (used and reserved) and buffers outside it. */
function memoryLines(): string[] {
  const memory = process.memoryUsage();
  const gauge = (name: string, help: string, value: number): string[] => [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} gauge`,
    `${name} ${value}`,
  ];
  return [
    ...gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', memory.rss),
    ...gauge('nodejs_heap_size_total_bytes', 'Process heap size from Node.js in bytes.', memory.heapTotal),
    ...gauge('nodejs_heap_size_used_bytes', 'Process heap size used from Node.js in bytes.', memory.heapUsed),
    ...gauge('nodejs_external_memory_bytes', 'Node.js external memory size in bytes.', memory.external),
  ];
}
