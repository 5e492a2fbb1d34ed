/**
 * Validation errors per field, with upstream's types and wording, and the 422 Invalid Status they make:
 *   Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0
 */
import { failure, groupKindString, type GroupKind, StatusError, StatusReason } from './status.js';

export const FieldErrorType = {
  NotFound: 'FieldValueNotFound',
  Required: 'FieldValueRequired',
  Duplicate: 'FieldValueDuplicate',
  Invalid: 'FieldValueInvalid',
  NotSupported: 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
  Internal: 'InternalError',
  TypeInvalid: 'FieldValueTypeInvalid',
} as const;
export type FieldErrorType = (typeof FieldErrorType)[keyof typeof FieldErrorType];

const TYPE_WORDS: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Types whose message never shows the value. */
const VALUELESS = new Set<FieldErrorType>([
  FieldErrorType.Required,
  FieldErrorType.Forbidden,
  FieldErrorType.TooLong,
  FieldErrorType.Internal,
]);

export interface FieldError {
  readonly type: FieldErrorType;
  /** The field path, e.g. `spec.containers[0].image` or `metadata.labels[app]`. */
  readonly field: string;
  readonly badValue?: unknown;
  readonly detail?: string;
}

/**
 * A path to a field, built as validation descends: `root.child('spec').index(0).key('app')`. A path is a
 * link to its parent and its own step; the text is made only when an error prints it (validation builds a
 * path for every field it visits, and almost none ends up in an error).
 */
export class FieldPath {
  private text: string | undefined;

  private constructor(
    private readonly parent: FieldPath | undefined,
    /** A field name (joined to the parent's text by a dot, unless that is empty), or a `[…]` suffix. */
    private readonly step: string,
    private readonly isField: boolean,
  ) {}

  static root(name: string): FieldPath {
    return new FieldPath(undefined, name, false);
  }

  child(name: string, ...more: string[]): FieldPath {
    let path = new FieldPath(this, name, true);
    // Further names are always joined by a dot, even after an empty one.
    for (const m of more) path = new FieldPath(path, `.${m}`, false);
    return path;
  }

  index(i: number): FieldPath {
    return new FieldPath(this, `[${i}]`, false);
  }

  key(k: string): FieldPath {
    return new FieldPath(this, `[${k}]`, false);
  }

  toString(): string {
    if (this.text === undefined) {
      const before = this.parent === undefined ? '' : this.parent.toString();
      this.text = this.isField && before !== '' ? `${before}.${this.step}` : before + this.step;
    }
    return this.text;
  }
}

const at = (path: FieldPath | string): string => String(path);

export const required = (path: FieldPath | string, detail = ''): FieldError => ({
  type: FieldErrorType.Required,
  field: at(path),
  detail,
});
export const invalid = (path: FieldPath | string, value: unknown, detail = ''): FieldError => ({
  type: FieldErrorType.Invalid,
  field: at(path),
  badValue: value,
  detail,
});
export const typeInvalid = (path: FieldPath | string, value: unknown, detail = ''): FieldError => ({
  type: FieldErrorType.TypeInvalid,
  field: at(path),
  badValue: value,
  detail,
});
export const forbidden = (path: FieldPath | string, detail: string): FieldError => ({
  type: FieldErrorType.Forbidden,
  field: at(path),
  detail,
});
export const duplicate = (path: FieldPath | string, value: unknown): FieldError => ({
  type: FieldErrorType.Duplicate,
  field: at(path),
  badValue: value,
});
export const notFound = (path: FieldPath | string, value: unknown): FieldError => ({
  type: FieldErrorType.NotFound,
  field: at(path),
  badValue: value,
});
export const tooLong = (path: FieldPath | string, value: unknown, max: number): FieldError => ({
  type: FieldErrorType.TooLong,
  field: at(path),
  badValue: value,
  detail: `may not be more than ${max} bytes`,
});
export const tooMany = (path: FieldPath | string, actual: number, max: number): FieldError => ({
  type: FieldErrorType.TooMany,
  field: at(path),
  badValue: actual,
  detail: `must have at most ${max} items`,
});
export function notSupported(path: FieldPath | string, value: unknown, supported: readonly string[]): FieldError {
  const detail = supported.length > 0 ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : '';
  return { type: FieldErrorType.NotSupported, field: at(path), badValue: value, detail };
}

/** The error's text without the field: `Invalid value: -1: must be greater than or equal to 0`. */
export function errorBody(e: FieldError): string {
  let s = TYPE_WORDS[e.type];
  if (!VALUELESS.has(e.type)) s = `${s}: ${formatValue(e.badValue)}`;
  if (e.detail) s = `${s}: ${e.detail}`;
  return s;
}

/** `spec.replicas: Invalid value: -1: must be …`. */
export const errorString = (e: FieldError): string => `${e.field}: ${errorBody(e)}`;

function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value))
    return `[]${value.length > 0 && typeof value[0] === 'string' ? 'string' : 'interface {}'}{${value.map(formatValue).join(', ')}}`;
  return '"object"';
}

/** 422 Invalid: `Kind.group "name" is invalid: <errors>`, one cause per field error. */
export function invalidError(gk: GroupKind, name: string, errors: readonly FieldError[]): StatusError {
  const first = errors[0];
  const list = errors.length === 1 && first ? errorString(first) : `[${errors.map(errorString).join(', ')}]`;
  return failure(422, StatusReason.Invalid, `${groupKindString(gk)} "${name}" is invalid: ${list}`, {
    name,
    group: gk.group,
    kind: gk.kind,
    causes: errors.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field })),
  });
}

/** Throws the Invalid error when `errors` is not empty. */
export function throwIfInvalid(gk: GroupKind, name: string, errors: readonly FieldError[]): void {
  if (errors.length > 0) throw invalidError(gk, name, errors);
}
