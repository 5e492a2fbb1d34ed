/**
 * The OpenAPI documents: `/openapi/v3` (an index), one v3 document per group version, and the v2 document.
 * Built once from the catalog; each v3 document's URL carries a hash of its content, as upstream's does.
 */
import { createHash } from 'node:crypto';
import { idOf } from '../../api/schema/inspect.js';
import { ListMeta } from '../../api/meta/v1/object-meta.js';
import type { Catalog } from '../catalog.js';
import type { Resource } from '../registry/generic/resource.js';
import { versionInfo } from '../version.js';
import { resourcePaths } from './paths.js';
import { type Definitions, type Json, toOpenApi } from './schemas.js';

const V3_REF = '#/components/schemas/';
const V2_REF = '#/definitions/';

const BASE_DEFINITIONS: Record<string, Json> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.Patch': {
    type: 'object',
    description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
  },
};

export class OpenApiDocuments {
  private readonly v3 = new Map<string, { body: string; hash: string }>();
  private v2Body: string | undefined;

  constructor(private readonly catalog: Catalog) {}

  /** The `/openapi/v3` index. */
  index(): Json {
    const paths: Json = {};
    for (const g of this.catalog.groups) {
      for (const v of g.versions) {
        const path = g.group === '' ? `api/${v}` : `apis/${g.group}/${v}`;
        paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${this.groupVersion(path)!.hash}` };
      }
    }
    return { paths };
  }

  /** The v3 document of `api/v1` or `apis/<group>/<version>`, as JSON text, or undefined. */
  groupVersion(path: string): { body: string; hash: string } | undefined {
    const cached = this.v3.get(path);
    if (cached !== undefined) return cached;
    const parts = path.split('/');
    const [group, version] = parts[0] === 'api' ? ['', parts[1]] : [parts[1], parts[2]];
    if (group === undefined || version === undefined) return undefined;
    const resources = this.catalog.inGroupVersion(group, version);
    if (resources.length === 0) return undefined;
    const doc = build(resources, V3_REF, true);
    const body = JSON.stringify(doc);
    const entry = { body, hash: createHash('sha512').update(body).digest('hex').slice(0, 64).toUpperCase() };
    this.v3.set(path, entry);
    return entry;
  }

  /** The whole v2 (Swagger 2.0) document as JSON text. */
  v2(): string {
    this.v2Body ??= JSON.stringify(build(this.catalog.resources, V2_REF, false));
    return this.v2Body;
  }
}

function build(resources: readonly Resource[], refPrefix: string, v3: boolean): Json {
  const defs: Definitions = new Map(Object.entries(BASE_DEFINITIONS));
  toOpenApi(ListMeta, refPrefix, defs, v3);
  let paths: Json = {};
  for (const r of resources) {
    toOpenApi(r.kind.schema, refPrefix, defs, v3);
    const id = idOf(r.kind.schema) ?? r.kind.kind;
    const gvk = { group: r.kind.group, version: r.kind.version, kind: r.kind.kind };
    defs.set(id, { ...defs.get(id), 'x-kubernetes-group-version-kind': [gvk] });
    defs.set(`${id}List`, {
      type: 'object',
      required: ['items'],
      description: `${r.kind.kind}List is a list of ${r.kind.kind} objects.`,
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { $ref: `${refPrefix}io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta` },
        items: { type: 'array', items: { $ref: `${refPrefix}${id}` } },
      },
      'x-kubernetes-group-version-kind': [{ ...gvk, kind: `${r.kind.kind}List` }],
    });
    paths = { ...paths, ...resourcePaths(r, refPrefix, v3) };
  }
  const info = { title: 'Kubernetes', version: versionInfo().gitVersion };
  const definitions = Object.fromEntries([...defs.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return v3
    ? { openapi: '3.0.0', info, paths, components: { schemas: definitions } }
    : { swagger: '2.0', info, paths, definitions };
}
