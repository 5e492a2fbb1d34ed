/**
 * The shapes of server-side printing: the `meta.k8s.io/v1` Table that `kubectl get` asks for, and the per-kind
 * Printer that fills its rows.
 */

/** One column of a Table. `priority` 0 always prints; above 0 only with `kubectl get -o wide`. */
export interface ColumnDefinition {
  readonly name: string;
  /** An OpenAPI type: `string`, `integer`, `number`, `boolean` or `date`. */
  readonly type: string;
  /** An OpenAPI format hint; `name` marks the column holding the object's name. Empty when there is none. */
  readonly format: string;
  readonly description: string;
  readonly priority: number;
}

/** A cell value. Upstream emits strings, int64s and booleans, whatever the column's declared type says. */
export type Cell = string | number | boolean;

/** A condition attached to a row (upstream uses it to mark finished pods as `Completed`). */
export interface TableRowCondition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason?: string;
  readonly message?: string;
}

/**
 * How one kind prints. The API server always generates every column (upstream prints with `Wide: true` and lets
 * kubectl hide priority > 0 columns), so `cells` returns exactly one cell per column, in column order.
 */
export interface Printer {
  readonly columns: readonly ColumnDefinition[];
  /**
   * The cells of the object's row, computed as of `now` (ages and durations). Never throws and never mutates
   * `obj`: missing or ill-typed fields read as their zero values, as upstream's typed structs would.
   */
  cells(obj: unknown, now: Date): Cell[];
  /** Row conditions, when the kind has any for this object. */
  conditions?(obj: unknown): TableRowCondition[] | undefined;
}

/** What each row's `object` carries (the `includeObject` query parameter). */
export const IncludeObject = {
  None: 'None',
  Metadata: 'Metadata',
  Object: 'Object',
} as const;
export type IncludeObject = (typeof IncludeObject)[keyof typeof IncludeObject];

/** A row of a Table. `object` is absent when `includeObject=None`. */
export interface TableRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
  object?: unknown;
}

/** `PartialObjectMetadata`: an object reduced to its metadata. */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: string;
  metadata: Record<string, unknown>;
}

/** The Table served to `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. */
export interface Table {
  kind: 'Table';
  apiVersion: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: ColumnDefinition[];
  rows: TableRow[];
}
