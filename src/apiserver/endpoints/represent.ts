/** Objects and lists in the representation the client asked for: the object itself, or a Table. */
import { apiVersionOf } from '../../api/schema/kind.js';
import { printerFor, toTable, parseIncludeObject } from '../table/index.js';
import type { ApiObject } from '../registry/strategy.js';
import type { ApiRequest } from './api-request.js';
import { writeJson, writeJsonText } from './respond.js';

/** Sets apiVersion and kind on an object read from storage. */
export function withTypeMeta(r: ApiRequest, obj: ApiObject): ApiObject {
  return { apiVersion: apiVersionOf(r.resource.kind), kind: r.resource.kind.kind, ...obj };
}

export interface ListBody {
  readonly items: ApiObject[];
  readonly resourceVersion: string;
  readonly continue?: string;
  readonly remainingItemCount?: number;
}

/** Writes one object. */
export function writeObject(r: ApiRequest, code: number, obj: ApiObject): void {
  const typed = withTypeMeta(r, obj);
  const rep = r.representation;
  if (rep.as === 'Table') {
    const meta = (obj.metadata ?? {}) as { resourceVersion?: string };
    const table = toTable([typed], printerFor(r.resource.kind.group, r.resource.kind.kind), {
      includeObject: parseIncludeObject(r.query.get('includeObject') ?? undefined),
      ...(meta.resourceVersion === undefined ? {} : { resourceVersion: meta.resourceVersion }),
      now: r.now(),
      version: rep.version,
    });
    writeJson(r.res, code, table, { warnings: r.warnings });
    return;
  }
  if (rep.as === 'PartialObjectMetadata') {
    writeJson(r.res, code, partial(rep.version, typed), { warnings: r.warnings });
    return;
  }
  // An object just written answers with the JSON made from its stored text (not serialized again).
  const written = rep.mediaType === 'application/json' ? r.registry.servedJson(obj) : undefined;
  if (written !== undefined) writeJsonText(r.res, code, written, { warnings: r.warnings });
  else writeJson(r.res, code, typed, { warnings: r.warnings, mediaType: rep.mediaType });
}

/** Writes a list. */
export function writeList(r: ApiRequest, list: ListBody): void {
  const rep = r.representation;
  const metadata: Record<string, unknown> = { resourceVersion: list.resourceVersion };
  if (list.continue !== undefined) metadata.continue = list.continue;
  if (list.remainingItemCount !== undefined) metadata.remainingItemCount = list.remainingItemCount;
  if (rep.as === 'Table') {
    const table = toTable(
      list.items.map((o) => withTypeMeta(r, o)),
      printerFor(r.resource.kind.group, r.resource.kind.kind),
      {
        includeObject: parseIncludeObject(r.query.get('includeObject') ?? undefined),
        resourceVersion: list.resourceVersion,
        ...(list.continue === undefined ? {} : { continue: list.continue }),
        ...(list.remainingItemCount === undefined ? {} : { remainingItemCount: list.remainingItemCount }),
        now: r.now(),
        version: rep.version,
      },
    );
    writeJson(r.res, 200, table, { warnings: r.warnings });
    return;
  }
  if (rep.as === 'PartialObjectMetadata') {
    writeJson(
      r.res,
      200,
      {
        kind: 'PartialObjectMetadataList',
        apiVersion: `meta.k8s.io/${rep.version}`,
        metadata,
        items: list.items.map((o) => partial(rep.version, withTypeMeta(r, o))),
      },
      { warnings: r.warnings },
    );
    return;
  }
  writeJson(
    r.res,
    200,
    { kind: `${r.resource.kind.kind}List`, apiVersion: apiVersionOf(r.resource.kind), metadata, items: list.items },
    { warnings: r.warnings, mediaType: rep.mediaType },
  );
}

function partial(version: string, obj: ApiObject): Record<string, unknown> {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata ?? {} };
}
