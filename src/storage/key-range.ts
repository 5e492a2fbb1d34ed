/** The end of the key range holding every key that starts with `prefix` (etcd's "range_end"). */
export function prefixEnd(prefix: string): string {
  // Keys are compared as UTF-8 bytes by etcd and as BINARY text by SQLite; appending the highest code
  // point gives the same bound for any key made of valid code points.
  return prefix + '\u{10FFFF}';
}

/** The smallest key after `key` in byte order: where the next page of a listing starts. */
export function keyAfter(key: string): string {
  return key + '\u0000';
}
