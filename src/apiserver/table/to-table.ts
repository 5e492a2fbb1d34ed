/** Assembles the `meta.k8s.io` Table served for `kubectl get`. */
import { badRequest } from '../../machinery/status.js';
import { rec } from './accessors.js';
import { IncludeObject } from './types.js';
import type { PartialObjectMetadata, Printer, Table, TableRow } from './types.js';

export interface TableOptions {
  /** What each row's `object` holds: nothing, the object's metadata (the default) or the whole object. */
  readonly includeObject: IncludeObject;
  /** The list's resourceVersion (or the object's, for a single GET). */
  readonly resourceVersion?: string;
  /** The continue token of a paginated list. */
  readonly continue?: string;
  readonly remainingItemCount?: number;
  /** The clock ages are computed against. */
  readonly now: Date;
  /** Omit the column definitions (the `noHeaders` table option, used for watch events after the first). */
  readonly noHeaders?: boolean;
  /** The Table's version: `v1` (default) or `v1beta1`, whichever the client's Accept header named. */
  readonly version?: 'v1' | 'v1beta1';
}

/**
 * A Table of `objects` (plain JSON objects of one kind) printed by `printer`, one row per object in order.
 * Does not mutate the objects; with `includeObject: 'Object'` the rows share them.
 */
export function toTable(objects: readonly unknown[], printer: Printer, options: TableOptions): Table {
  const apiVersion = `meta.k8s.io/${options.version ?? 'v1'}`;
  const rows = objects.map((obj): TableRow => {
    const row: TableRow = { cells: printer.cells(obj, options.now) };
    const conditions = printer.conditions?.(obj);
    if (conditions !== undefined) row.conditions = conditions;
    switch (options.includeObject) {
      case IncludeObject.Object:
        row.object = obj;
        break;
      case IncludeObject.Metadata: {
        const partial: PartialObjectMetadata = {
          kind: 'PartialObjectMetadata',
          apiVersion,
          metadata: { ...rec(obj, 'metadata') },
        };
        row.object = partial;
        break;
      }
      case IncludeObject.None:
        break;
    }
    return row;
  });
  const metadata: Table['metadata'] = {};
  if (options.resourceVersion !== undefined) metadata.resourceVersion = options.resourceVersion;
  if (options.continue !== undefined && options.continue !== '') metadata.continue = options.continue;
  if (options.remainingItemCount !== undefined) metadata.remainingItemCount = options.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion,
    metadata,
    columnDefinitions: options.noHeaders ? [] : printer.columns.map((c) => ({ ...c })),
    rows,
  };
}

/**
 * The `includeObject` query parameter: `Metadata` when absent or empty.
 * @throws StatusError 400 `unrecognized includeObject value: "x"` for any other value.
 */
export function parseIncludeObject(value: string | undefined): IncludeObject {
  switch (value) {
    case undefined:
    case '':
    case IncludeObject.Metadata:
      return IncludeObject.Metadata;
    case IncludeObject.None:
    case IncludeObject.Object:
      return value;
    default:
      throw badRequest(`unrecognized includeObject value: ${JSON.stringify(value)}`);
  }
}
