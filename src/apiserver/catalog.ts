/** Every served resource, found by URL (group, version, resource) or by body (apiVersion, kind). */
import { apiVersionOf } from '../api/schema/kind.js';
import type { Resource } from './registry/generic/resource.js';

export interface GroupVersions {
  readonly group: string;
  /** Versions in preference order. */
  readonly versions: string[];
}

export class Catalog {
  private readonly byPath = new Map<string, Resource>();
  private readonly byKind = new Map<string, Resource>();
  /** Groups in the order discovery lists them (core first, then as registered). */
  readonly groups: GroupVersions[] = [];

  constructor(readonly resources: readonly Resource[]) {
    for (const r of resources) {
      const { group, version, plural, kind } = r.kind;
      this.byPath.set(`${group}/${version}/${plural}`, r);
      this.byKind.set(`${apiVersionOf(r.kind)}/${kind}`, r);
      let entry = this.groups.find((g) => g.group === group);
      if (entry === undefined) {
        entry = { group, versions: [] };
        if (group === '') this.groups.unshift(entry);
        else this.groups.push(entry);
      }
      if (!entry.versions.includes(version)) entry.versions.push(version);
    }
  }

  resource(group: string, version: string, plural: string): Resource | undefined {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }

  kind(apiVersion: string, kind: string): Resource | undefined {
    return this.byKind.get(`${apiVersion}/${kind}`);
  }

  /** The resources of one group version, in registration order. */
  inGroupVersion(group: string, version: string): Resource[] {
    return this.resources.filter((r) => r.kind.group === group && r.kind.version === version);
  }
}
