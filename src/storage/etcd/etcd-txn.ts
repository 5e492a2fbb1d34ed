/**
 * The one transaction behind each guarded write. Each reads the key back on failure, so that a miss returns
 * the current version in the same round trip (and at the same revision) as the failed guard.
 */
import type { ITxnRequest } from 'etcd3';

/** Puts `key` only if it does not exist (create revision 0); otherwise reads it. */
export function createTxn(key: Buffer, value: Uint8Array, lease: string | undefined): ITxnRequest {
  return {
    compare: [{ key, target: 'Create', result: 'Equal', create_revision: 0 }],
    success: [{ request_put: { key, value: toBuffer(value), lease } }],
    failure: [{ request_range: { key } }],
  };
}

/**
 * Puts `key` only if its mod revision is `expected`, then reads it back without its value (for its create
 * revision); otherwise reads it. A missing key has mod revision 0, so `expected` must be positive.
 */
export function updateTxn(key: Buffer, value: Uint8Array, expected: number, lease: string | undefined): ITxnRequest {
  return {
    compare: [{ key, target: 'Mod', result: 'Equal', mod_revision: expected }],
    success: [{ request_put: { key, value: toBuffer(value), lease } }, { request_range: { key, keys_only: true } }],
    failure: [{ request_range: { key } }],
  };
}

/** Deletes `key` (returning the deleted version), only if its mod revision is `expected` when given. */
export function deleteTxn(key: Buffer, expected: number | undefined): ITxnRequest {
  return {
    compare: expected === undefined ? [] : [{ key, target: 'Mod', result: 'Equal', mod_revision: expected }],
    success: [{ request_delete_range: { key, prev_kv: true } }],
    failure: [{ request_range: { key } }],
  };
}

/** The bytes as a Buffer (what etcd3's protobuf encoder takes), without copying. */
function toBuffer(value: Uint8Array): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}
