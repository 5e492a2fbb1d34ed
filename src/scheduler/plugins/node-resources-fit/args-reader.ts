/**
 * Reads a plugin's `pluginConfig[].args` (plain JSON/YAML data) into typed values while collecting field errors
 * in upstream's wording, then fails once with all of them — as upstream's strict decoding and args validation
 * do: one error alone, several as `[first, second]`. `apiVersion` and `kind` are accepted in any args object,
 * since configuration files commonly carry them.
 */
import {
  errorBody,
  errorString,
  type FieldError,
  type FieldPath,
  typeInvalid,
} from '../../../machinery/field-errors.js';

const TYPE_FIELDS = new Set(['apiVersion', 'kind']);

export class ArgsReader {
  private readonly errors: string[] = [];

  add(...errors: FieldError[]): void {
    // An error about the args as a whole has no field to name.
    for (const e of errors) this.errors.push(e.field === '' ? errorBody(e) : errorString(e));
  }

  /**
   * `value` as an object with only the `allowed` keys (undefined when absent). Unknown keys are reported the way
   * strict decoding reports them.
   */
  object(value: unknown, path: FieldPath, allowed: readonly string[]): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.add(typeInvalid(path, value, 'must be an object'));
      return undefined;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (allowed.includes(key) || TYPE_FIELDS.has(key)) continue;
      const field = String(path) === '' ? key : `${String(path)}.${key}`;
      this.errors.push(`unknown field ${JSON.stringify(field)}`);
    }
    return record;
  }

  /** `value` as a list (empty when absent). */
  list(value: unknown, path: FieldPath): unknown[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.add(typeInvalid(path, value, 'must be a list'));
      return [];
    }
    return value;
  }

  /** `value` as a string (undefined when absent or not a string, the latter reported). */
  string(value: unknown, path: FieldPath): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      this.add(typeInvalid(path, value, 'must be a string'));
      return undefined;
    }
    return value;
  }

  /** `value` as an integer (undefined when absent or not an integer, the latter reported). */
  integer(value: unknown, path: FieldPath): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.add(typeInvalid(path, value, 'must be an integer'));
      return undefined;
    }
    return value;
  }

  /** A list of strings; entries of other types are reported and dropped. */
  stringList(value: unknown, path: FieldPath): string[] {
    const out: string[] = [];
    this.list(value, path).forEach((item, i) => {
      const s = this.string(item, path.index(i));
      if (s !== undefined) out.push(s);
    });
    return out;
  }

  /** Throws an Error carrying every collected error (none: returns). */
  throwIfAny(): void {
    if (this.errors.length === 0) return;
    throw new Error(this.errors.length === 1 ? this.errors[0] : `[${this.errors.join(', ')}]`);
  }
}
