/** Column definitions shared by many printers, and a terse way to declare the rest. */
import type { ColumnDefinition } from './types.js';

/** Declares a column; `priority` 1 marks a wide-only column. */
export function column(
  name: string,
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date',
  description: string,
  options: { readonly priority?: number; readonly format?: string } = {},
): ColumnDefinition {
  return { name, type, format: options.format ?? '', description, priority: options.priority ?? 0 };
}

/** The same column, shown only with `-o wide`. */
export const wide = (c: ColumnDefinition): ColumnDefinition => ({ ...c, priority: 1 });

export const NAME = column('Name', 'string', 'The name of the object, unique within its namespace.', {
  format: 'name',
});
export const AGE = column('Age', 'string', 'How long ago the object was created (metadata.creationTimestamp).');
export const CONTAINERS = column('Containers', 'string', 'Names of each container in the template.', {
  priority: 1,
});
export const IMAGES = column('Images', 'string', 'Images referenced by each container in the template.', {
  priority: 1,
});

/** The wide `Selector` column of a workload, described by what it selects. */
export const selectorColumn = (description: string): ColumnDefinition =>
  column('Selector', 'string', description, { priority: 1 });
