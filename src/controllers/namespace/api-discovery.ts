/**
 * API discovery as controllers need it (upstream client-go `ServerPreferredResources`): the group versions the
 * server serves (`/api`, `/apis`), the resources of each (`/api/v1`, `/apis/<group>/<version>`, subresources
 * left out), and for every group resource the entry of its group's preferred version. A group version whose
 * list cannot be read is reported, not fatal: the rest is still returned, as upstream does.
 *
 * Used by the namespace controller (what to delete) and the garbage collector (what to watch, and which
 * resource an ownerReference's apiVersion/kind names).
 */
import { isRecord } from '../../client/kube-object.js';
import type { Transport } from '../../client/rest/transport.js';

/** One resource as discovery describes it. */
export interface ApiResource {
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  /** The plural name, e.g. `pods`. */
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
}

/** Some group versions could not be read (upstream discovery.ErrGroupDiscoveryFailed). */
export class GroupDiscoveryFailedError extends Error {
  /** groupVersion (`v1`, `apps/v1`) → what went wrong. */
  readonly groups: ReadonlyMap<string, string>;

  constructor(groups: ReadonlyMap<string, string>) {
    const parts = [...groups].map(([gv, message]) => `${gv}: ${message}`).sort();
    super(`unable to retrieve the complete list of server APIs: ${parts.join(', ')}`);
    this.name = 'GroupDiscoveryFailedError';
    this.groups = groups;
  }
}

/** A groupVersion string that is neither `version` nor `group/version` (upstream schema.ParseGroupVersion). */
export class GroupVersionParseError extends Error {
  constructor(groupVersion: string) {
    super(`unexpected GroupVersion string: ${groupVersion}`);
    this.name = 'GroupVersionParseError';
  }
}

export interface Discovery {
  /** One entry per group resource: the group's preferred version when it serves the resource, else the first. */
  readonly preferred: readonly ApiResource[];
  /** Every resource of every group version read. */
  readonly all: readonly ApiResource[];
  /** Set when some group versions could not be read (what was read is still listed). */
  readonly groupError?: GroupDiscoveryFailedError;
  /** Set when a resource list named a groupVersion that does not parse (its resources are left out). */
  readonly parseError?: GroupVersionParseError;
}

interface GroupEntry {
  readonly group: string;
  /** groupVersion strings with their version, in the server's order. */
  readonly versions: readonly { readonly groupVersion: string; readonly version: string }[];
  readonly preferredVersion: string | undefined;
}

/**
 * Reads discovery. @throws what the transport throws when `/api` or `/apis` themselves cannot be read (no
 * resource would be known at all); a failing group version only sets `groupError`.
 */
export async function discover(transport: Transport, signal?: AbortSignal): Promise<Discovery> {
  const get = (path: string): Promise<unknown> =>
    transport.request({ method: 'GET', path, ...(signal === undefined ? {} : { signal }) });
  const groups: GroupEntry[] = [];
  const core = await get('/api');
  const coreVersions = stringList(isRecord(core) ? core['versions'] : undefined);
  groups.push({
    group: '',
    versions: coreVersions.map((v) => ({ groupVersion: v, version: v })),
    preferredVersion: coreVersions[0],
  });
  groups.push(...groupsOf(await get('/apis')));

  const failed = new Map<string, string>();
  let parseError: GroupVersionParseError | undefined;
  const lists = new Map<string, ApiResource[]>();
  await Promise.all(
    groups.flatMap((g) =>
      g.versions.map(async ({ groupVersion }) => {
        const path = g.group === '' ? `/api/${groupVersion}` : `/apis/${groupVersion}`;
        try {
          const parsed = resourcesOf(await get(path));
          if (parsed instanceof GroupVersionParseError) parseError = parsed;
          else lists.set(groupVersion, parsed);
        } catch (err) {
          if (signal?.aborted) throw err;
          failed.set(groupVersion, err instanceof Error ? err.message : String(err));
        }
      }),
    ),
  );

  const all: ApiResource[] = [];
  const preferred = new Map<string, ApiResource>();
  for (const g of groups) {
    for (const { groupVersion, version } of g.versions) {
      for (const r of lists.get(groupVersion) ?? []) {
        all.push(r);
        const key = `${r.group}/${r.resource}`;
        if (preferred.has(key) && version !== g.preferredVersion) continue;
        preferred.set(key, r);
      }
    }
  }
  return {
    preferred: [...preferred.values()],
    all,
    ...(failed.size === 0 ? {} : { groupError: new GroupDiscoveryFailedError(failed) }),
    ...(parseError === undefined ? {} : { parseError }),
  };
}

/** Whether `r` supports every one of `verbs` (upstream discovery.SupportsAllVerbs). */
export function supportsAllVerbs(r: ApiResource, verbs: readonly string[]): boolean {
  return verbs.every((v) => r.verbs.includes(v));
}

/** Splits `apps/v1` into group and version, `v1` into core and version. @throws GroupVersionParseError. */
export function parseGroupVersion(groupVersion: string): { group: string; version: string } {
  if (groupVersion === '' || groupVersion === '/') return { group: '', version: '' };
  const parts = groupVersion.split('/');
  if (parts.length === 1) return { group: '', version: parts[0] ?? '' };
  if (parts.length === 2) return { group: parts[0] ?? '', version: parts[1] ?? '' };
  throw new GroupVersionParseError(groupVersion);
}

function groupsOf(list: unknown): GroupEntry[] {
  const groups = isRecord(list) && Array.isArray(list['groups']) ? list['groups'] : [];
  return groups.filter(isRecord).map((g) => {
    const versions = (Array.isArray(g['versions']) ? g['versions'] : []).filter(isRecord).map((v) => ({
      groupVersion: String(v['groupVersion'] ?? ''),
      version: String(v['version'] ?? ''),
    }));
    const preferred = isRecord(g['preferredVersion']) ? g['preferredVersion']['version'] : undefined;
    return {
      group: String(g['name'] ?? ''),
      versions,
      preferredVersion: typeof preferred === 'string' ? preferred : versions[0]?.version,
    };
  });
}

function resourcesOf(list: unknown): ApiResource[] | GroupVersionParseError {
  if (!isRecord(list)) return [];
  let gv: { group: string; version: string };
  try {
    gv = parseGroupVersion(String(list['groupVersion'] ?? ''));
  } catch (err) {
    if (err instanceof GroupVersionParseError) return err;
    throw err;
  }
  const resources = Array.isArray(list['resources']) ? list['resources'] : [];
  return resources
    .filter(isRecord)
    .filter((r) => typeof r['name'] === 'string' && !r['name'].includes('/'))
    .map((r) => ({
      group: gv.group,
      version: gv.version,
      resource: String(r['name']),
      kind: String(r['kind'] ?? ''),
      namespaced: r['namespaced'] === true,
      verbs: stringList(r['verbs']),
    }));
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
