/**
 * The 409 an apply answers when it would change fields other managers own, worded as kube-apiserver
 * words it (kubectl prints the message verbatim and suggests --force-conflicts).
 */
import { failure, StatusError, StatusReason } from '../status.js';
import { compareStrings, goQuote } from './go-value.js';
import { parseIdentifier } from './managed-fields.js';
import { pathToString } from './path-element.js';
import type { Conflict } from './updater.js';

/** A manager as conflict messages name it: `"kubectl" with subresource "status" using apps/v1`. */
export function printManager(identifier: string): string {
  let info;
  try {
    info = parseIdentifier(identifier);
  } catch {
    return goQuote(identifier);
  }
  let text = goQuote(info.manager);
  if (info.subresource) text = `${text} with subresource ${goQuote(info.subresource)}`;
  if (info.operation === 'Update') text = `${text} using ${info.apiVersion ?? ''}`;
  return text;
}

/** The conflict message: one line for one conflict, else the fields grouped by manager. */
export function conflictMessage(conflicts: readonly Conflict[]): string {
  const [only] = conflicts;
  if (conflicts.length === 1 && only !== undefined) {
    return `Apply failed with 1 conflict: conflict with ${printManager(only.manager)}: ${pathToString(only.path)}`;
  }
  const byManager = new Map<string, string[]>();
  for (const { manager, path } of conflicts) {
    const paths = byManager.get(manager) ?? [];
    paths.push(pathToString(path));
    byManager.set(manager, paths);
  }
  const lines: string[] = [];
  for (const manager of [...byManager.keys()].sort(compareStrings)) {
    lines.push(`conflicts with ${printManager(manager)}:`);
    for (const path of byManager.get(manager) ?? []) lines.push(`- ${path}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** 409 Conflict with one `FieldManagerConflict` cause per conflicting field. */
export function applyConflictError(conflicts: readonly Conflict[]): StatusError {
  return failure(409, StatusReason.Conflict, conflictMessage(conflicts), {
    causes: conflicts.map(({ manager, path }) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with ${printManager(manager)}`,
      field: pathToString(path),
    })),
  });
}
