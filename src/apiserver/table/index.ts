/** Server-side printing: the Table `kubectl get` asks for, and the printer of each kind. */
export { printerFor } from './registry.js';
export { parseIncludeObject, toTable } from './to-table.js';
export type { TableOptions } from './to-table.js';
export { humanDuration, shortHumanDuration } from './duration.js';
export { formatLabelSelector, formatLabels } from './labels.js';
export { IncludeObject } from './types.js';
export type {
  Cell,
  ColumnDefinition,
  PartialObjectMetadata,
  Printer,
  Table,
  TableRow,
  TableRowCondition,
} from './types.js';
