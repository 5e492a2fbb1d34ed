/** A PKI file that cannot be used as it is: unreadable, corrupt, or inconsistent with its pair. */
export class PkiError extends Error {
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PkiError';
  }
}
