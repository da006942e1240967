/**
 * A figure's opening state, set by the essay: `<Figure id="heads" widget="attention" state={{ layer: 3, head: 1 }}>`.
 * The fields are the widget's URL-state fields (its state.ts schema, listed on /widgets/), the values what a
 * link would carry (text, a number, true/false). The state becomes the figure's defaults: the server render
 * paints it, hydration starts from it, a link the reader opens still overrides it field by field, a link
 * leaves out what equals it, and "Reset" returns to it.
 *
 * One mechanism for every widget: Figure.astro writes the state, as a query string, into a `data-figure-state`
 * attribute of the <figure> (what the browser reads) and into this module's per-page table (what the server
 * render reads, while the figure's contents render). The kit's URL-state controller (url-state.svelte.ts)
 * applies it to the view's schema, and a server entry that computes something at build time for the opening
 * state (a model run, a chart) starts from `openingState(schema, figureId)`.
 *
 * The build checks each essay's states against the widgets' schemas (essay-checks.ts): an unknown field or a
 * value the field rejects fails the build with the file, line and field. Pure TS (no Svelte, no Node).
 */
import { defaultState, type Field, type Schema, type StateOf } from '../url-state.ts';

export type FigureStateValue = string | number | boolean;
export type FigureState = Readonly<Record<string, FigureStateValue>>;

/** The attribute of the <figure> element that carries its opening state to the browser. */
export const FIGURE_STATE_ATTRIBUTE = 'data-figure-state';

/** A value as a link writes it: text as it is, numbers in decimal, true/false as 1/0 (boolean fields' form). */
export function rawValue(value: FigureStateValue): string {
  return typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
}

const isValue = (v: unknown): v is FigureStateValue =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** The state as a query string (field=value&…, no namespace); '' for none. Invalid entries are left out. */
export function figureStateQuery(state: unknown): string {
  if (!state || typeof state !== 'object' || Array.isArray(state)) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(state)) if (isValue(value)) params.append(name, rawValue(value));
  return params.toString();
}

function decodes(f: Field<unknown>, raw: string): boolean {
  try {
    return f.decode(raw) !== undefined;
  } catch {
    return false;
  }
}

/**
 * What is wrong with a state written for a widget whose schema is `schema`, one sentence per field ([] when
 * all is well): not an object, an unknown field, a value that is not text/number/boolean, or one the field
 * rejects (with what the field takes). `computed`: more fields, whose values are not known yet (an essay's
 * expressions, read before they run): only their names are checked.
 */
export function figureStateProblems(schema: Schema, state: unknown, computed: readonly string[] = []): string[] {
  const fields = Object.keys(schema);
  if (!state || typeof state !== 'object' || Array.isArray(state)) {
    return [`state must be an object of field: value, such as state={{ ${fields[0] ?? 'field'}: … }}`];
  }
  const problems: string[] = [];
  const unknown = (name: string) => `state field "${name}" is not one of this widget's state fields (${fields.join(', ')})`;
  for (const name of computed) if (!Object.hasOwn(schema, name)) problems.push(unknown(name));
  for (const [name, value] of Object.entries(state)) {
    const f = Object.hasOwn(schema, name) ? schema[name] : undefined;
    if (!f) {
      problems.push(unknown(name));
    } else if (!isValue(value)) {
      problems.push(`state field "${name}": write its value as text, a number or true/false, as a link would carry it`);
    } else if (!decodes(f, rawValue(value))) {
      problems.push(`state field "${name}": ${JSON.stringify(value)} is not a valid value (it takes ${f.type ?? 'text'})`);
    }
  }
  return problems;
}

/**
 * The schema with the defaults of the fields in `query` (a figure's state) replaced by their values. Values a
 * field rejects are ignored (the build has reported them already); the fields keep everything else.
 */
export function withFigureState<S extends Schema>(schema: S, query: string | null | undefined): S {
  if (!query) return schema;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    return schema;
  }
  let changed = false;
  const next: Record<string, Field<unknown>> = { ...schema };
  for (const [name, raw] of params) {
    const f = Object.hasOwn(schema, name) ? (schema[name] as Field<unknown>) : undefined;
    if (!f) continue;
    let value: unknown;
    try {
      value = f.decode(raw);
    } catch {
      value = undefined;
    }
    if (value === undefined) continue;
    next[name] = { ...f, default: value };
    changed = true;
  }
  return changed ? (next as unknown as S) : schema;
}

// The server render's table: figure id → its state's query. In an essay, set before the page renders (by the
// calls remark-figure-states.ts inserts); elsewhere by Figure.astro before its slot renders. Pages are rendered
// one at a time and each <Figure> overwrites its id's entry, so nothing leaks to the next page.
const serverTable = new Map<string, string>();

/** Figure.astro, at build time: this figure's opening state ('' for none). */
export function setFigureState(figureId: string, query: string): void {
  serverTable.set(figureId, query);
}

/**
 * An essay, at build time, before anything on its page renders: this figure's opening state as written in its
 * <Figure state={…}> (remark-figure-states.ts inserts the call). Returns nothing, so the call renders nothing.
 */
export function setFigureStateOf(figureId: string, state: unknown): undefined {
  serverTable.set(figureId, figureStateQuery(state));
  return undefined;
}

/** The opening state's query of the figure `figureId` ('' on an embed page, whose namespace is ''). */
export function figureStateOf(figureId: string): string {
  if (!figureId) return '';
  if (typeof document !== 'undefined') {
    try {
      return document.getElementById(figureId)?.getAttribute(FIGURE_STATE_ATTRIBUTE) ?? '';
    } catch {
      return '';
    }
  }
  return serverTable.get(figureId) ?? '';
}

/** The schema as the figure `figureId` opens it: its defaults replaced by the essay's state. */
export function figureSchema<S extends Schema>(schema: S, figureId: string): S {
  return withFigureState(schema, figureStateOf(figureId));
}

/** The state the figure opens on (for a server entry that computes its static paint at build time). */
export function openingState<S extends Schema>(schema: S, figureId: string): StateOf<S> {
  return defaultState(figureSchema(schema, figureId));
}

/** Only the fields the essay set, decoded (for a server entry whose props already name some of them). */
export function openingFields<S extends Schema>(schema: S, figureId: string): Partial<StateOf<S>> {
  const set = new Set(new URLSearchParams(figureStateOf(figureId)).keys());
  const opening = openingState(schema, figureId) as Record<string, unknown>;
  return Object.fromEntries(Object.keys(schema).filter((name) => set.has(name)).map((name) => [name, opening[name]])) as Partial<StateOf<S>>;
}
