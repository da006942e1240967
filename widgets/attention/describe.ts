/**
 * The figure's words: head names, the one-sentence summary of a head on the reader's text (the
 * charts' text alternative), each query's top keys (the data table), the focused token's line, and
 * the over-length notice. Pure, so the static page, the live view and the tests say the same thing.
 *
 * Token positions are printed from 1 (the first token is "token 1"), as the token strip shows them;
 * arrays are indexed from 0.
 */
import { wellFormed } from '../runtime/url-state.ts';
import type { TextWindow } from '../models/transformer/text-window.ts';
import { one, two, weight } from './format.ts';
import type { HeadInfo, UniformInfo } from './heads.ts';

const number = new Intl.NumberFormat('en-US');
export const plural = (n: number, one: string, many = `${one}s`) => `${number.format(n)} ${n === 1 ? one : many}`;

export function headName(layer: number, head: number): string {
  return `Head ${layer}.${head}`;
}

/** A token as the figure prints it in running text: its display form in curly quotes. */
export function quoted(display: string): string {
  return `“${display}”`;
}

/** A token for a screen reader: "␣" reads as "open box", so say "space". */
export function spoken(display: string): string {
  return display.replaceAll('␣', ' space ').replace(/\s+/g, ' ').trim() || display;
}

// ---------------------------------------------------------------------------------------------
// A head on this text

/** Where a query puts the largest share of its attention. */
export type Target = 'previous' | 'self' | 'first' | 'further';

export interface TextStats {
  /** Queries that have a choice (every token but the first). */
  queries: number;
  /** How many of them put their largest weight on each target. */
  counts: Record<Target, number>;
  /** Mean over those queries of Σ_j w_ij (i − j), in tokens. */
  meanDistance: number;
  /** The same for attention spread evenly over tokens 0…i: the mean of i/2, i.e. T/4. */
  uniformDistance: number;
}

/** The largest entry of row `query` over keys 0…query (the nearer key on ties). */
export function argmaxKey(matrix: ArrayLike<number>, T: number, query: number): number {
  let best = query;
  for (let j = query; j >= 0; j--) if (matrix[query * T + j]! > matrix[query * T + best]!) best = j;
  return best;
}

export function targetOf(query: number, key: number): Target {
  if (key === query) return 'self';
  if (key === query - 1) return 'previous';
  if (key === 0) return 'first';
  return 'further';
}

export function textStats(matrix: ArrayLike<number>, T: number): TextStats {
  const counts: Record<Target, number> = { previous: 0, self: 0, first: 0, further: 0 };
  let distance = 0;
  let uniform = 0;
  for (let i = 1; i < T; i++) {
    counts[targetOf(i, argmaxKey(matrix, T, i))] += 1;
    for (let j = 0; j <= i; j++) distance += matrix[i * T + j]! * (i - j);
    uniform += i / 2;
  }
  const queries = Math.max(0, T - 1);
  return {
    queries,
    counts,
    meanDistance: queries ? distance / queries : 0,
    uniformDistance: queries ? uniform / queries : 0,
  };
}

const TARGET_PHRASE: Record<Target, string> = {
  previous: 'on the token before them',
  self: 'on themselves',
  first: 'on the first token',
  further: 'on a token further back',
};
const TARGET_ORDER: Target[] = ['previous', 'self', 'first', 'further'];

/** "Head 2.2, local": the name and, where the factory measured it, the label. */
export function headTitle(layer: number, head: number, info: HeadInfo | undefined): string {
  return info ? `${headName(layer, head)}, ${info.label}` : headName(layer, head);
}

/** What the head does on this text, then what the factory measured: the charts' summary. */
export function headSummary(layer: number, head: number, info: HeadInfo | undefined, stats: TextStats, uniform: UniformInfo | undefined): string {
  const title = headTitle(layer, head, info);
  let text: string;
  if (stats.queries === 0) {
    text = `${title}: with a single token there is nothing to choose; it attends only to itself.`;
  } else {
    const ranked = TARGET_ORDER.filter((t) => stats.counts[t] > 0).sort((a, b) => stats.counts[b] - stats.counts[a]);
    const [top, ...rest] = ranked as [Target, ...Target[]];
    const n = stats.counts[top];
    const lead =
      n * 2 > stats.queries
        ? `most tokens (${n} of ${stats.queries}) put most of their attention ${TARGET_PHRASE[top]}`
        : `tokens split their attention: ${n} of ${stats.queries} put most of it ${TARGET_PHRASE[top]}`;
    const others = rest.map((t) => `${stats.counts[t]} ${TARGET_PHRASE[t]}`);
    text =
      `${title}: on this text, ${lead}${others.length ? `; ${others.join(', ')}` : ''}. ` +
      `Mean distance ${one(stats.meanDistance)} tokens against ${one(stats.uniformDistance)} for uniform attention.`;
  }
  if (info && uniform) {
    text +=
      ` Measured over the Brown Corpus (${uniform.window}-token windows): mean distance ${one(info.meanDistance)} tokens ` +
      `against ${one(uniform.meanDistance)} for uniform attention, entropy ${two(info.entropy)} nats against ${two(uniform.entropy)}.`;
  }
  return text;
}

export function chartLabel(view: 'heatmap' | 'arcs', T: number, summary: string, threshold = 0.1): string {
  const what =
    view === 'heatmap'
      ? `Heatmap of attention over ${plural(T, 'token')}: row i is the query token, column j the key token it attends to; darker is more weight.`
      : `Arcs over ${plural(T, 'token')}: each arc joins a token to an earlier token (or itself) that gets at least ${Math.round(threshold * 100)} % of its attention; darker is more weight.`;
  return `${what} ${summary}`;
}

// ---------------------------------------------------------------------------------------------
// Keys and queries

export interface Weighted {
  /** 0-based position. */
  index: number;
  weight: number;
}

/** The `n` keys query `query` attends to most, largest first (the nearer key on ties). */
export function topKeysOf(matrix: ArrayLike<number>, T: number, query: number, n = 3): Weighted[] {
  const keys: Weighted[] = [];
  for (let j = 0; j <= query && j < T; j++) keys.push({ index: j, weight: matrix[query * T + j]! });
  keys.sort((a, b) => b.weight - a.weight || b.index - a.index);
  return keys.slice(0, Math.max(0, n));
}

/** The `n` later queries that attend most to `key` (itself excluded), largest first. */
export function topQueriesOf(matrix: ArrayLike<number>, T: number, key: number, n = 3): Weighted[] {
  const queries: Weighted[] = [];
  for (let i = key + 1; i < T; i++) queries.push({ index: i, weight: matrix[i * T + key]! });
  queries.sort((a, b) => b.weight - a.weight || a.index - b.index);
  return queries.slice(0, Math.max(0, n));
}

export interface TopRow {
  query: number;
  keys: Weighted[];
}

/** One row per query: its top keys. The data table behind both charts. */
export function topRows(matrix: ArrayLike<number>, T: number, n = 3): TopRow[] {
  return Array.from({ length: T }, (_, query) => ({ query, keys: topKeysOf(matrix, T, query, n) }));
}

function list(items: Weighted[], displays: readonly string[]): string {
  return items.map((w) => `${quoted(displays[w.index] ?? '?')} ${weight(w.weight)}`).join(', ');
}

/**
 * What the focused (hovered, or selected) token attends to and what attends to it, e.g.
 * "“␣it” (token 8) attends most to “␣cat” 0.412, …; most attended to by “␣was” 0.301, …".
 */
export function focusLine(matrix: ArrayLike<number>, T: number, focus: number, displays: readonly string[]): string {
  if (!(focus >= 0 && focus < T)) return '';
  const me = `${quoted(displays[focus] ?? '?')} (token ${focus + 1})`;
  const to = topKeysOf(matrix, T, focus, 3);
  const by = topQueriesOf(matrix, T, focus, 3);
  const attends = focus === 0 ? `${me} can attend only to itself` : `${me} attends most to ${list(to, displays)}`;
  const attended = by.length ? `most attended to by ${list(by, displays)}` : 'no later token attends to it (it is the last)';
  return `${attends}; ${attended}.`;
}

// ---------------------------------------------------------------------------------------------
// The text

/** Empty when the text fits; otherwise what the model reads and what it leaves out. */
export function overLengthNotice(win: TextWindow, text: string): string {
  if (!win.truncated) return '';
  const dropped = win.droppedTokensExact ? plural(win.droppedTokens, 'token') : `about ${plural(win.droppedTokens, 'token')}`;
  const tail = wellFormed(Array.from(text.slice(Math.max(0, win.keptEnd - 120), win.keptEnd)).slice(-32).join('')).replace(/\s+/g, ' ');
  return (
    `Longer than the model's context: it reads only the first ${plural(win.context, 'token')}, up to “…${tail}”. ` +
    `The rest, ${dropped} (${plural(win.droppedCharacters, 'character')}), is not read, and the figure shows the tokens the model reads.`
  );
}

/** The line under the text box: how many tokens the model reads, or why there are none yet. */
export function textNote(win: TextWindow | null, empty: boolean, context: number): string {
  if (empty) return 'No text yet: type or paste something. The model needs at least one token.';
  if (!win) return 'Loading the tokenizer…';
  const of = win.truncated ? ` of ${win.droppedTokensExact ? '' : 'about '}${win.totalTokens}` : '';
  return `${plural(win.ids.length, 'token')}${of}; the model reads at most ${context}.`;
}

/** The problem as the figure says it, with what the attention on screen was computed from. */
export function problemLine(problem: string, shown: 'result' | 'build' | null): string {
  const from =
    shown === 'result'
      ? 'The attention shown is for the text the model last read.'
      : shown === 'build'
        ? 'The attention shown was computed when the page was built.'
        : '';
  return `${problem} ${from} The rest of the page still works; reload to try again.`;
}
