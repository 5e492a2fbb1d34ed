/**
 * The errors of strategic merge patch, worded as upstream's strategicpatch/mergepatch packages word them
 * and answered with the status kube-apiserver gives each: 400 for a malformed directive, 422 (with the
 * generic message) for lists of lists, 500 with the raw text for everything else.
 */
import type { StatusError } from '../status.js';
import { goFormat, goFormatString, goTypeName } from './json-value.js';
import { patchBadRequest, patchServerError, patchUnprocessable } from './patch-errors.js';

export const DIRECTIVE_MARKER = '$patch';
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';

/** 400: a `$deleteFromPrimitiveList/<field>` that is not `prefix/field` or whose value is not a list. */
export const badPrimitiveListFormat = (): StatusError => patchBadRequest('invalid patch format of primitive list');

/** 400: `$retainKeys` that is not a list, or a patch member missing from it. */
export const badRetainKeysFormat = (): StatusError => patchBadRequest('invalid patch format of retainKeys');

/** 400: a `$setElementOrder/<field>` key that is not `prefix/field`. */
export const badSetElementOrderFormat = (): StatusError =>
  patchBadRequest('invalid patch format of setElementOrder list');

/** 422: a list whose elements are lists. */
export const noListOfLists = (): StatusError => patchUnprocessable('lists of lists are not supported');

/** 500: an element of a merging list without its merge key. */
export const noMergeKey = (element: unknown, mergeKey: string): StatusError =>
  patchServerError(`map: ${goFormat(element)} does not contain declared merge key: ${mergeKey}`);

/** 500: a value of the wrong shape where a map or a list was expected. */
export function badArgType(expected: 'map' | 'list', actual: unknown): StatusError {
  const want = expected === 'map' ? 'map[string]interface {}' : '[]interface {}';
  return patchServerError(`expected a ${want}, but received a ${goTypeName(actual)}`);
}

/** 500: a `$patch` directive this position does not know. */
export const badPatchType = (directive: unknown, map: unknown): StatusError =>
  patchServerError(`unknown patch type: ${goFormatString(directive)} in map: ${goFormat(map)}`);

/** 500: `$patch: merge` on a list element. */
export const listMergeDirective = (): StatusError =>
  patchServerError('merging lists cannot yet be specified in the patch');

/** 500: a list whose elements are of different types. */
export const mixedElementTypes = (lists: readonly (readonly unknown[])[]): StatusError =>
  patchServerError(`list element types are not identical: ${goFormat(lists)}`);

/** 500: a list of maps declared `merge` without a merge key. */
export const noMergeKeyDeclared = (elementKind: string): StatusError =>
  patchServerError(`cannot merge lists without merge key for type ${elementKind}`);

/** 500: an element of a list searched by merge key that is not a map. */
export const notAMap = (index: number): StatusError => patchServerError(`value for key ${index} is not a map.`);

/** 500: a patch strategy with parts it cannot combine. */
export const unexpectedPatchStrategy = (strategies: readonly string[]): StatusError =>
  patchServerError(`unexpected patch strategy: ${goFormat(strategies)}`);

/** 500: list elements that do not follow the order `$setElementOrder` gives. */
export const orderMismatch = (patchList: unknown, order: unknown): StatusError =>
  patchServerError(
    `The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER_PREFIX} list:\n${goFormat(order)}\n`,
  );
