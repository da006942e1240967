/**
 * Typed widget state <-> URL query string (in the spirit of TensorFlow Playground's state.ts).
 *
 * A link is untrusted input: anyone can hand a reader a crafted URL. So decoding never throws and
 * never lets an invalid value through: each field either decodes to a value its own `decode`
 * vouches for, or silently falls back to its default. Pure TS, no DOM: runs in Node tests and SSR.
 */

export interface Field<T> {
  readonly default: T;
  /** What a valid value looks like, for people: the widget catalog (/widgets/) and READMEs show it. */
  readonly type?: string;
  encode(value: T): string;
  /** `undefined` means "not a valid value for this field"; the caller falls back to the default. */
  decode(raw: string): T | undefined;
}

// `any` is deliberate: Field<T> is invariant in T (T appears in encode and decode), so a schema of
// mixed field types only fits an index signature of Field<any>. StateOf recovers the precise types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Schema = Readonly<Record<string, Field<any>>>;

export type StateOf<S extends Schema> = { -readonly [K in keyof S]: S[K] extends Field<infer T> ? T : never };

/** No field of any widget needs more; anything longer is junk or an attack, rejected before parsing. */
export const MAX_RAW_LENGTH = 2000;

const SCRIPT_TAG = /<\s*\/?\s*script\b/i;
// A lone surrogate cannot be percent-encoded (encodeURIComponent throws), so it never round-trips.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function acceptableRaw(raw: unknown): raw is string {
  return (
    typeof raw === 'string' &&
    raw.length <= MAX_RAW_LENGTH &&
    !SCRIPT_TAG.test(raw) &&
    !LONE_SURROGATE.test(raw)
  );
}

/** A field with custom encode/decode (e.g. a widget's own list syntax). */
export function field<T>(spec: { default: T; type?: string; encode(value: T): string; decode(raw: string): T | undefined }): Field<T> {
  return { default: spec.default, type: spec.type, encode: spec.encode, decode: spec.decode };
}

/** A schema's fields as people read them: name, what a value looks like, the default as written in a URL. */
export function describeSchema(schema: Schema): { name: string; type: string; default: string }[] {
  return Object.entries(schema).map(([name, f]) => ({ name, type: f.type ?? 'text', default: f.encode(f.default) }));
}

export function intField(opts: { min: number; max: number; default: number }): Field<number> {
  const { min, max } = opts;
  return field({
    default: opts.default,
    type: `integer ${min}…${max}`,
    encode: (v) => String(v),
    decode: (raw) => {
      // Strict digits only: rejects '1e3', '0x10', ' 5', '5.0', 'NaN', 'Infinity' that Number() accepts.
      if (!/^-?\d{1,15}$/.test(raw)) return undefined;
      const v = Number(raw);
      return Number.isSafeInteger(v) && v >= min && v <= max ? v : undefined;
    },
  });
}

export function enumField<const V extends string>(values: readonly V[], defaultValue: V): Field<V> {
  return field({
    default: defaultValue,
    type: `one of ${values.join(', ')}`,
    encode: (v) => v,
    decode: (raw) => (values as readonly string[]).includes(raw) ? (raw as V) : undefined,
  });
}

export function boolField(defaultValue: boolean): Field<boolean> {
  return field({
    default: defaultValue,
    type: '1 (on) or 0 (off)',
    encode: (v) => (v ? '1' : '0'),
    decode: (raw) => (raw === '1' || raw === 'true' ? true : raw === '0' || raw === 'false' ? false : undefined),
  });
}

/** Replaces each lone surrogate with U+FFFD: a lone surrogate cannot be percent-encoded into a URL. */
export function wellFormed(text: string): string {
  return text.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}

/**
 * Free text (a reader's own sentence). A link keeps the first `maxLength` UTF-16 units (never
 * splitting a surrogate pair), so a pasted book does not become a 100 KB URL; widgets whose model
 * reads a bounded prefix choose `maxLength` so that the link still reproduces what the model saw.
 */
export function textField(opts: { default: string; maxLength: number }): Field<string> {
  const { maxLength } = opts;
  if (!(Number.isInteger(maxLength) && maxLength > 0 && maxLength <= MAX_RAW_LENGTH)) {
    throw new RangeError(`textField maxLength must be 1..${MAX_RAW_LENGTH}`);
  }
  return field({
    default: opts.default,
    type: `text, up to ${maxLength} characters`,
    encode: (v) => {
      let cut = Math.min(v.length, maxLength);
      const last = v.charCodeAt(cut - 1);
      if (cut < v.length && last >= 0xd800 && last <= 0xdbff) cut -= 1; // keep the pair whole
      return wellFormed(v.slice(0, cut));
    },
    decode: (raw) => (raw.length <= maxLength ? raw : undefined),
  });
}

export function paramKey(namespace: string, name: string): string {
  return namespace ? `${namespace}.${name}` : name;
}

function toParams(params: unknown): URLSearchParams {
  try {
    if (params instanceof URLSearchParams) return params;
    if (typeof params === 'string') return new URLSearchParams(params.startsWith('?') ? params.slice(1) : params);
  } catch {
    // URLSearchParams tolerates broken percent-encoding, but nothing here may throw, ever.
  }
  return new URLSearchParams();
}

export function defaultState<S extends Schema>(schema: S): StateOf<S> {
  const state: Record<string, unknown> = {};
  for (const name of Object.keys(schema)) state[name] = schema[name]!.default;
  return state as StateOf<S>;
}

/** Decodes one raw value, or returns `undefined` when it is absent or invalid. */
function decodeField<T>(f: Field<T>, raw: unknown): T | undefined {
  if (!acceptableRaw(raw)) return undefined;
  try {
    return f.decode(raw);
  } catch {
    return undefined;
  }
}

export function decodeState<S extends Schema>(
  schema: S,
  params: URLSearchParams | string,
  namespace: string,
): StateOf<S> {
  const search = toParams(params);
  const state: Record<string, unknown> = {};
  for (const name of Object.keys(schema)) {
    const f = schema[name]!;
    let raw: string | null = null;
    try {
      raw = search.get(paramKey(namespace, name));
    } catch {
      raw = null;
    }
    const value = raw === null ? undefined : decodeField(f, raw);
    state[name] = value === undefined ? f.default : value;
  }
  return state as StateOf<S>;
}

function safeEncode<T>(f: Field<T>, value: T): string | undefined {
  try {
    const raw = f.encode(value);
    // Only write what we would accept back: a link must reopen the figure exactly as it was.
    return decodeField(f, raw) === undefined ? undefined : raw;
  } catch {
    return undefined;
  }
}

/**
 * Entries for the fields that differ from their defaults (short URLs). Equality is by encoded
 * form, which also works for list and object values. Unencodable values are left out, which
 * means "default" to the reader.
 */
export function encodeState<S extends Schema>(
  schema: S,
  state: StateOf<S>,
  namespace: string,
): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (const name of Object.keys(schema)) {
    const f = schema[name]!;
    const raw = safeEncode(f, (state as Record<string, unknown>)[name]);
    if (raw === undefined || raw === safeEncode(f, f.default)) continue;
    entries.push([paramKey(namespace, name), raw]);
  }
  return entries;
}

/** Does `key` belong to this namespace (a field of this figure, known to the schema or stale)? */
function ownsKey(schema: Schema, namespace: string, key: string): boolean {
  if (!namespace) return Object.hasOwn(schema, key);
  if (!key.startsWith(`${namespace}.`)) return false;
  // 'fig.x' belongs to 'fig', but 'fig.sub.x' belongs to a figure called 'fig.sub'.
  return !key.slice(namespace.length + 1).includes('.');
}

/**
 * The new search string ('' or '?…'): this namespace's keys replaced, every other parameter
 * (other figures, analytics, anything) kept in place.
 */
export function mergeIntoSearch<S extends Schema>(
  currentSearch: string,
  schema: S,
  state: StateOf<S>,
  namespace: string,
): string {
  const params = toParams(currentSearch);
  const kept = [...params].filter(([key]) => !ownsKey(schema, namespace, key));
  const next = new URLSearchParams(kept);
  for (const [key, value] of encodeState(schema, state, namespace)) next.append(key, value);
  const text = next.toString();
  return text ? `?${text}` : '';
}
