/**
 * A header block that cannot be decoded: a malformed integer or string, an index outside the tables, bad
 * Huffman data, or a dynamic table size update the peer may not send. HTTP/2 calls this a COMPRESSION_ERROR
 * (RFC 9113 §4.3): the decoder's table may now differ from the peer's, so the whole connection is unusable
 * and must be closed with GOAWAY, not just the stream.
 */
export class HpackError extends Error {
  override readonly name = 'HpackError';
}
