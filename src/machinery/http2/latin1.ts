/** Turning octets into latin1 strings (one char per octet), the form HPACK names and values take here. */

/** Buffer's native latin1 decoding, which Node has but its type declarations leave out. */
interface Latin1Slicer {
  latin1Slice(start: number, end: number): string;
}

/**
 * The octets buf[start, end) as a latin1 string. Strings of a few octets are built in JavaScript, which beats
 * the call into native code; longer ones are sliced natively.
 */
export function latin1(buf: Buffer, start: number, end: number): string {
  if (end - start > 4) return (buf as Buffer & Latin1Slicer).latin1Slice(start, end);
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]!);
  return s;
}
