/**
 * Small readers for untrusted JSON: each checks one value and throws an Error that names the file and
 * the path of the offending field ("transformer.json: architecture.layers must be a positive integer,
 * got "6""), so a stale or hand-edited artifact fails at load with a message a contributor can act on,
 * not later as a NaN in a figure.
 */

export class JsonReader {
  // Plain fields, not constructor parameter properties: Node runs this file (bench, models/) by stripping
  // types, and strip-only TypeScript has no parameter properties.
  readonly file: string;
  readonly path: string;

  constructor(file: string, path = '') {
    this.file = file;
    this.path = path;
  }

  fail(why: string): never {
    throw new Error(`${this.file}: ${this.path === '' ? '' : `${this.path} `}${why}`);
  }

  at(key: string | number): JsonReader {
    const step = typeof key === 'number' ? `[${key}]` : this.path === '' ? key : `.${key}`;
    return new JsonReader(this.file, this.path + step);
  }
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

export function object(r: JsonReader, v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) r.fail(`must be an object, got ${show(v)}`);
  return v as Record<string, unknown>;
}

export function array(r: JsonReader, v: unknown, length?: number): unknown[] {
  if (!Array.isArray(v)) r.fail(`must be an array, got ${show(v)}`);
  if (length !== undefined && v.length !== length) r.fail(`must have ${length} entries, has ${v.length}`);
  return v;
}

export function finite(r: JsonReader, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) r.fail(`must be a finite number, got ${show(v)}`);
  return v;
}

export function nullableFinite(r: JsonReader, v: unknown): number | null {
  return v === null ? null : finite(r, v);
}

export function integer(r: JsonReader, v: unknown, min = 0): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) r.fail(`must be an integer ≥ ${min}, got ${show(v)}`);
  return v;
}

/** A count or a size: an integer ≥ 1. */
export function positiveInteger(r: JsonReader, v: unknown): number {
  return integer(r, v, 1);
}

export function string(r: JsonReader, v: unknown): string {
  if (typeof v !== 'string') r.fail(`must be a string, got ${show(v)}`);
  return v;
}

/** A reader of one value, as the readers above are: combine them with `list`, `record` and `nullable`. */
export type Read<T> = (r: JsonReader, v: unknown) => T;

/** An array whose every entry `read` reads (of exactly `length` entries where given). */
export function list<T>(read: Read<T>, length?: number): Read<T[]> {
  return (r, v) => array(r, v, length).map((e, i) => read(r.at(i), e));
}

/** An object with exactly the fields `keys` that matter, each read by `read`. */
export function record<K extends string, T>(keys: readonly K[], read: Read<T>): Read<Record<K, T>> {
  return (r, v) => {
    const o = object(r, v);
    return Object.fromEntries(keys.map((k) => [k, field(r, o, k, read)])) as Record<K, T>;
  };
}

/** `read`, or null. */
export function nullable<T>(read: Read<T>): Read<T | null> {
  return (r, v) => (v === null ? null : read(r, v));
}

/** Reads `obj[key]` with `read`, reporting the field's path on failure. */
export function field<T>(r: JsonReader, obj: Record<string, unknown>, key: string, read: (r: JsonReader, v: unknown) => T): T {
  return read(r.at(key), obj[key]);
}

/** A numeric vector of exactly `length` finite numbers, as a Float64Array. */
export function vector(r: JsonReader, v: unknown, length: number): Float64Array {
  const a = array(r, v, length);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = finite(r.at(i), a[i]);
  return out;
}

/** An object-valued field and the reader of its own fields: `const [rm, m] = section(r, o, 'model')`. */
export function section(r: JsonReader, obj: Record<string, unknown>, key: string): [JsonReader, Record<string, unknown>] {
  return [r.at(key), field(r, obj, key, object)];
}
