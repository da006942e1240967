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
  /**
   * For a field whose link form can keep less than the value (a text or a drawing past the link budget):
   * '' when `encode(value)` keeps all of it, else a clause saying what the link keeps ("it keeps the first
   * 2,310 of 9,000 characters of the text"). A figure shows it next to "Copy link" (link-note.ts).
   */
  shortened?(value: T): string;
}

// `any` is deliberate: Field<T> is invariant in T (T appears in encode and decode), so a schema of
// mixed field types only fits an index signature of Field<any>. StateOf recovers the precise types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Schema = Readonly<Record<string, Field<any>>>;

export type StateOf<S extends Schema> = { -readonly [K in keyof S]: S[K] extends Field<infer T> ? T : never };

/**
 * A link stays under about 8 KB (LINK_BYTES): some hosts, proxies and chat apps cut or refuse longer URLs.
 * One field may spend FIELD_LINK_BYTES of it, measured in bytes of the URL (percent-encoded UTF-8, as
 * URLSearchParams writes it), not in characters: "é" costs 6 bytes, "🐈" 12, a letter 1.
 */
export const LINK_BYTES = 8000;
export const FIELD_LINK_BYTES = 7500;

/** No field of any widget decodes more; anything longer is junk or an attack, rejected before parsing. */
export const MAX_RAW_LENGTH = 8192;

// There is deliberately no filter on markup such as "<script>": field values are data, never HTML (the
// views print them as text), and a filter would only make a link drop a reader's sentence about HTML.
// A lone surrogate cannot be percent-encoded (encodeURIComponent throws), so it never round-trips.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function acceptableRaw(raw: unknown): raw is string {
  return typeof raw === 'string' && raw.length <= MAX_RAW_LENGTH && !LONE_SURROGATE.test(raw);
}

// What URLSearchParams leaves as it is (application/x-www-form-urlencoded); a space becomes '+'.
const UNESCAPED = /[A-Za-z0-9*\-._ ]/;

/** Bytes of one code point in a URL query value. */
function codePointBytes(cp: number): number {
  if (cp < 0x80) return UNESCAPED.test(String.fromCharCode(cp)) ? 1 : 3;
  if (cp < 0x800) return 6;
  if (cp < 0x10000) return 9; // a lone surrogate is written as U+FFFD: also 3 UTF-8 bytes
  return 12;
}

/** The bytes `text` takes as a query value (what `new URLSearchParams([[k, text]])` writes after `k=`). */
export function encodedBytes(text: string): number {
  let n = 0;
  for (const ch of text) n += codePointBytes(ch.codePointAt(0)!);
  return n;
}

/**
 * The longest prefix of `text` that takes at most `maxBytes` in a URL, never splitting a surrogate pair:
 * its UTF-16 length.
 */
export function prefixWithinBytes(text: string, maxBytes: number): number {
  let n = 0;
  let end = 0;
  for (const ch of text) {
    n += codePointBytes(ch.codePointAt(0)!);
    if (n > maxBytes) break;
    end += ch.length;
  }
  return end;
}

/** A field with custom encode/decode (e.g. a widget's own list syntax). */
export function field<T>(spec: {
  default: T;
  type?: string;
  encode(value: T): string;
  decode(raw: string): T | undefined;
  shortened?(value: T): string;
}): Field<T> {
  const f: Field<T> = { default: spec.default, type: spec.type, encode: spec.encode, decode: spec.decode };
  return spec.shortened ? { ...f, shortened: spec.shortened } : f;
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

const count = new Intl.NumberFormat('en-US');

/**
 * Free text (a reader's own sentence). A link keeps all of it when it fits in `maxBytes` of URL
 * (FIELD_LINK_BYTES by default), else its longest prefix that does, cut after a word where one is near
 * the end (so the words it keeps tokenize as they did), never inside a surrogate pair; `shortened`
 * then says so. A lone surrogate (half a character, which no keyboard types but a script can put in a
 * text box) cannot be written into a URL: a link carries U+FFFD in its place, and `shortened` says that
 * too. Any string decodes (markup included: it is data), up to MAX_RAW_LENGTH.
 */
export function textField(opts: { default: string; maxBytes?: number }): Field<string> {
  const maxBytes = opts.maxBytes ?? FIELD_LINK_BYTES;
  if (!(Number.isInteger(maxBytes) && maxBytes > 0 && maxBytes <= LINK_BYTES)) {
    throw new RangeError(`textField maxBytes must be 1..${LINK_BYTES}`);
  }
  const linkEnd = (text: string): number => {
    const end = prefixWithinBytes(text, maxBytes);
    if (end === text.length) return end;
    // Cut before a space that follows a word: the pieces before it are read as they were.
    for (let c = end; c > end * 0.75; c--) {
      if (text.charCodeAt(c) === 0x20 && !/\s/u.test(text[c - 1] ?? ' ')) return c;
    }
    return end;
  };
  return field({
    default: opts.default,
    type: `text (a link keeps up to ${count.format(maxBytes)} bytes of it)`,
    encode: (v) => wellFormed(v.slice(0, linkEnd(v))),
    decode: (raw) => raw,
    shortened: (v) => {
      const end = linkEnd(v);
      const chars = (t: string) => count.format(Array.from(t).length);
      const clauses: string[] = [];
      if (end < v.length) clauses.push(`it keeps the first ${chars(v.slice(0, end))} of the ${chars(v)} characters of the text`);
      const lone = v.slice(0, end).match(new RegExp(LONE_SURROGATE.source, 'g'))?.length ?? 0;
      if (lone > 0) clauses.push(`it writes ${lone === 1 ? 'the text’s half character (a lone surrogate)' : `its ${count.format(lone)} half characters (lone surrogates)`} as �`);
      return clauses.join(', and ');
    },
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
 * The parameter that names the fields a link carries shortened (`fig.cut=text`), so that the figure it
 * reopens can say that it was shortened. No schema may have a field of this name.
 */
export const CUT_PARAM = 'cut';

/** The fields whose link form keeps less than the state holds, each with its field's clause. */
export function shortenedFields<S extends Schema>(schema: S, state: StateOf<S>): Array<{ name: string; note: string }> {
  const out: Array<{ name: string; note: string }> = [];
  for (const name of Object.keys(schema)) {
    const f = schema[name]!;
    let note = '';
    try {
      note = f.shortened?.((state as Record<string, unknown>)[name]) ?? '';
    } catch {
      note = '';
    }
    if (note) out.push({ name, note });
  }
  return out;
}

/** The fields a link says it carries shortened (known field names only; anything else is ignored). */
export function decodeCut<S extends Schema>(schema: S, params: URLSearchParams | string, namespace: string): string[] {
  let raw: string | null = null;
  try {
    raw = toParams(params).get(paramKey(namespace, CUT_PARAM));
  } catch {
    raw = null;
  }
  if (raw === null || raw.length > 200) return [];
  return [...new Set(raw.split(','))].filter((name) => Object.hasOwn(schema, name));
}

/**
 * Entries for the fields that differ from their defaults (short URLs). Equality is by encoded
 * form, which also works for list and object values. Unencodable values are left out, which
 * means "default" to the reader. Last, the CUT_PARAM entry when a field is shortened now or is
 * listed in `cut` (a field that came shortened from the link the page was opened with).
 */
export function encodeState<S extends Schema>(
  schema: S,
  state: StateOf<S>,
  namespace: string,
  cut: readonly string[] = [],
): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (const name of Object.keys(schema)) {
    const f = schema[name]!;
    const raw = safeEncode(f, (state as Record<string, unknown>)[name]);
    if (raw === undefined || raw === safeEncode(f, f.default)) continue;
    entries.push([paramKey(namespace, name), raw]);
  }
  const names = new Set([...shortenedFields(schema, state).map((s) => s.name), ...cut.filter((n) => Object.hasOwn(schema, n))]);
  if (names.size > 0) entries.push([paramKey(namespace, CUT_PARAM), [...names].join(',')]);
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
  cut: readonly string[] = [],
): string {
  const params = toParams(currentSearch);
  const kept = [...params].filter(([key]) => !ownsKey(schema, namespace, key));
  const next = new URLSearchParams(kept);
  for (const [key, value] of encodeState(schema, state, namespace, cut)) next.append(key, value);
  const text = next.toString();
  return text ? `?${text}` : '';
}
