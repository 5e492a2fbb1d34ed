/** Validation of `metadata.managedFields` entries (apimachinery meta/v1/validation). */
import { type FieldError, type FieldPath, invalid, tooLong } from '../field-errors.js';
import { byteLength } from './go-format.js';
import type { ManagedFieldsEntryLike } from './object-meta-like.js';

/** The longest a field manager's name may be. */
export const FIELD_MANAGER_MAX_LENGTH = 128;
const MAX_SUBRESOURCE_NAME_LENGTH = 256;

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** A field manager: at most 128 bytes, all printable; Go reports each bad rune by byte offset. */
export function validateFieldManager(manager: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (byteLength(manager) > FIELD_MANAGER_MAX_LENGTH) errs.push(tooLong(path, manager, FIELD_MANAGER_MAX_LENGTH));
  let offset = 0;
  for (const ch of manager) {
    if (!PRINTABLE.test(ch)) {
      const cp = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      errs.push(invalid(path, manager, `invalid character U+${cp} (at position ${offset})`));
    }
    offset += byteLength(ch);
  }
  return errs;
}

/** Each entry has operation Apply or Update, fieldsType FieldsV1 (or none), a valid manager. */
export function validateManagedFields(
  entries: readonly ManagedFieldsEntryLike[] | null | undefined,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  (entries ?? []).forEach((entry, i) => {
    const at = path.index(i);
    const operation = entry.operation ?? '';
    if (operation !== 'Apply' && operation !== 'Update') {
      errs.push(invalid(at.child('operation'), operation, 'must be `Apply` or `Update`'));
    }
    const fieldsType = entry.fieldsType ?? '';
    if (fieldsType !== '' && fieldsType !== 'FieldsV1') {
      errs.push(invalid(at.child('fieldsType'), fieldsType, 'must be `FieldsV1`'));
    }
    errs.push(...validateFieldManager(entry.manager ?? '', at.child('manager')));
    const subresource = entry.subresource ?? '';
    if (byteLength(subresource) > MAX_SUBRESOURCE_NAME_LENGTH) {
      errs.push(tooLong(at.child('subresource'), subresource, MAX_SUBRESOURCE_NAME_LENGTH));
    }
  });
  return errs;
}
