/**
 * While a pod still has scheduling gates, its placement may be narrowed: nodeSelector entries and node
 * affinity requirements may be added (never changed or removed).
 */
import { isDeepStrictEqual } from 'node:util';
import { type FieldError, type FieldPath, invalid } from '../../../../../machinery/field-errors.js';
import { isObj, type Obj, objects, stringMap } from './common.js';

const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null));
const same = (a: unknown, b: unknown): boolean => isDeepStrictEqual(json(a), json(b));

function requiredTerms(affinity: unknown): Obj[] | undefined {
  if (!isObj(affinity) || !isObj(affinity.nodeAffinity)) return undefined;
  const selector = affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  return isObj(selector) ? objects(selector.nodeSelectorTerms) : undefined;
}

/** Whether `now` keeps every requirement of `before`, in order, possibly with more after them. */
function onlyAdditions(now: Obj | undefined, before: Obj): boolean {
  const was = [objects(before.matchExpressions), objects(before.matchFields)];
  const is = [objects(now?.matchExpressions), objects(now?.matchFields)];
  if (was.every((l) => l.length === 0)) return is.every((l) => l.length === 0);
  return was.every((list, i) => same((is[i] ?? []).slice(0, list.length), list) && (is[i] ?? []).length >= list.length);
}

/**
 * Checks the allowed placement changes of a gated pod and resets them in `munged` (the new spec, with the
 * other mutable fields already reset), so that the caller's equality check sees only forbidden changes.
 */
export function gatedSpecMutationErrors(munged: Obj, oldSpec: Obj, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (!same(munged.nodeSelector, oldSpec.nodeSelector)) {
    const now = stringMap(munged.nodeSelector);
    const changed = Object.entries(stringMap(oldSpec.nodeSelector)).some(([k, v]) => now[k] !== v);
    if (changed) {
      errors.push(
        invalid(
          path.child('nodeSelector'),
          now,
          'only additions to spec.nodeSelector are allowed (no mutations or deletions)',
        ),
      );
    }
    munged.nodeSelector = oldSpec.nodeSelector;
  }
  const oldAffinity = isObj(oldSpec.affinity) ? oldSpec.affinity.nodeAffinity : undefined;
  const newAffinity = isObj(munged.affinity) ? munged.affinity.nodeAffinity : undefined;
  if (same(oldAffinity, newAffinity)) return errors;
  const oldTerms = requiredTerms(oldSpec.affinity) ?? [];
  const newTerms = requiredTerms(munged.affinity) ?? [];
  const termsPath = path.child(
    'affinity',
    'nodeAffinity',
    'requiredDuringSchedulingIgnoredDuringExecution',
    'nodeSelectorTerms',
  );
  if (oldTerms.length > 0 && oldTerms.length !== newTerms.length) {
    errors.push(invalid(termsPath, newTerms, 'no additions/deletions to non-empty NodeSelectorTerms list are allowed'));
  } else {
    oldTerms.forEach((term, i) => {
      if (!onlyAdditions(newTerms[i], term))
        errors.push(invalid(termsPath.index(i), newTerms[i], 'only additions are allowed (no mutations or deletions)'));
    });
  }
  if (isObj(munged.affinity)) {
    const rest: Obj = { ...munged.affinity, nodeAffinity: oldAffinity };
    munged.affinity =
      !isObj(oldSpec.affinity) && rest.podAffinity === undefined && rest.podAntiAffinity === undefined
        ? undefined
        : rest;
  } else if (oldAffinity !== undefined) {
    munged.affinity = { nodeAffinity: oldAffinity };
  }
  return errors;
}
