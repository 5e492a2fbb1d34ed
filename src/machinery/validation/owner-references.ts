/** Validation of `metadata.ownerReferences` (apimachinery api/validation objectmeta.go). */
import { type FieldError, type FieldPath, invalid } from '../field-errors.js';

/** The fields of a metav1.OwnerReference that validation reads. */
export interface OwnerReferenceLike {
  readonly apiVersion?: string | null;
  readonly kind?: string | null;
  readonly name?: string | null;
  readonly uid?: string | null;
  readonly controller?: boolean | null;
  readonly blockOwnerDeletion?: boolean | null;
}

/** Kinds that may never own anything (`/v1, Kind=Event`), keyed as upstream prints a GroupVersionKind. */
const BANNED_OWNERS = new Set(['/v1, Kind=Event']);

/** schema.ParseGroupVersion: `v1` → ('', 'v1'), `apps/v1` → ('apps', 'v1'); more slashes → neither. */
function groupVersion(apiVersion: string): { group: string; version: string } {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0] ?? '', version: parts[1] ?? '' };
  return { group: '', version: '' };
}

function validateOwnerReference(ref: OwnerReferenceLike, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const apiVersion = ref.apiVersion ?? '';
  const kind = ref.kind ?? '';
  const { group, version } = groupVersion(apiVersion);
  if (version === '') errs.push(invalid(path.child('apiVersion'), apiVersion, 'version must not be empty'));
  if (kind === '') errs.push(invalid(path.child('kind'), kind, 'must not be empty'));
  if ((ref.name ?? '') === '') errs.push(invalid(path.child('name'), ref.name ?? '', 'must not be empty'));
  if ((ref.uid ?? '') === '') errs.push(invalid(path.child('uid'), ref.uid ?? '', 'must not be empty'));
  const gvk = `${group}/${version}, Kind=${kind}`;
  if (BANNED_OWNERS.has(gvk)) errs.push(invalid(path, ref, `${gvk} is disallowed from being an owner`));
  return errs;
}

/** Each reference names its owner completely, and at most one is the controller. */
export function validateOwnerReferences(
  refs: readonly OwnerReferenceLike[] | null | undefined,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    errs.push(...validateOwnerReference(ref, path));
    if (ref.controller !== true) continue;
    const current = `${ref.kind ?? ''}/${ref.name ?? ''}`;
    if (firstController === '') {
      firstController = current;
    } else {
      errs.push(
        invalid(
          path,
          refs,
          `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
        ),
      );
    }
  }
  return errs;
}
