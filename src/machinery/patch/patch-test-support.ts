/** Helpers the patch tests share: freezing inputs (so a mutation throws) and catching the StatusError. */
import assert from 'node:assert/strict';
import { StatusError } from '../status.js';

/** Freezes a JSON value and everything in it; changing a frozen value throws in strict-mode code. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/** Runs `fn`, which must throw a StatusError, and returns that error. */
export function catchStatus(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof StatusError, `expected a StatusError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an error');
}

/** The words a StatusError keeps as its cause (the patch library's own message), if any. */
export const causeOf = (err: StatusError): string | undefined => ((err as Error).cause as Error | undefined)?.message;
