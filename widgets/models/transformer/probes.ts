/**
 * The exported linear probes (transformer-probes.json) run on the reader's own text: for residual
 * layer ℓ and token t, z = (resid[ℓ][t] − mean[ℓ]) / std[ℓ], logits = W z + b, softmax, argmax.
 *
 * Which tokens a label applies to follows how the probes were trained (models/data/align.ts):
 * - `word_start`, `upos`, `chunk`, `sentpos`: every token that holds a non-whitespace character (a
 *   token of only whitespace carried no label in training, so its prediction means nothing);
 *   the word-level ones (upos, chunk, sentpos) label every token of a word with the word's class;
 * - `genre`: a document label carried by every token, so the text's genre is the mean of the
 *   tokens' probabilities (one vote per token, each a distribution, not just its argmax).
 * A label this code does not know is treated per token.
 *
 * The probes were trained on tokens with at least `min_context` (64) tokens before them; on earlier
 * tokens they still run, and `lowContext` says so.
 */

import type { ProbeFile } from './probe-file.ts';
import { argmax, softmax } from './numerics.ts';
import { residRow, residSizes, type TensorLike } from './outputs.ts';

export type LabelScope = 'piece' | 'word' | 'document';

const SCOPES: Record<string, LabelScope> = {
  word_start: 'piece',
  upos: 'word',
  chunk: 'word',
  sentpos: 'word',
  genre: 'document',
};

export function labelScope(label: string): LabelScope {
  return SCOPES[label] ?? 'piece';
}

export interface ProbePrediction {
  /** Class probabilities, in the order of `classes`. */
  probs: Float64Array;
  /** Index and name of the most likely class, and its probability. */
  index: number;
  label: string;
  confidence: number;
}

/**
 * One probe's prediction for one residual vector. `layer` is the residual layer 0…L (0 = embedding).
 */
function probeVector(file: ProbeFile, label: string, layer: number, x: ArrayLike<number>): ProbePrediction {
  const probe = file.probes[label];
  if (probe === undefined) throw new Error(`no probe "${label}" (have: ${Object.keys(file.probes).join(', ')})`);
  const w = probe.layers[layer];
  const norm = file.standardise[layer];
  if (w === undefined || norm === undefined) throw new RangeError(`probe layer ${layer} is out of range 0…${probe.layers.length - 1}`);
  const d = norm.mean.length;
  if (x.length !== d) throw new RangeError(`residual vector has ${x.length} numbers, the probes expect ${d}`);
  const C = probe.classes.length;
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) z[i] = (x[i] - norm.mean[i]) / norm.std[i];
  const logits = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    let s = w.b[c];
    const row = c * d;
    for (let i = 0; i < d; i++) s += w.W[row + i] * z[i];
    logits[c] = s;
  }
  const probs = softmax(logits);
  const index = argmax(probs);
  return { probs, index, label: probe.classes[index], confidence: probs[index] };
}

/** Whether a token holds anything but whitespace (the probes' training labels need one). */
export function hasNonSpace(tokenBytes: Uint8Array): boolean {
  for (const b of tokenBytes) if (b !== 0x20 && b !== 0x0a && b !== 0x09 && b !== 0x0d) return true;
  return false;
}

export interface TokenProbes {
  label: string;
  scope: LabelScope;
  classes: string[];
  /** predictions[layer][position]; null where the label does not apply to that token. */
  predictions: (ProbePrediction | null)[][];
}

/**
 * Every probe at every residual layer and token. `applies[t]` says whether token t holds a
 * non-whitespace character (from hasNonSpace on its bytes); document-scope labels ignore it.
 */
export function probeAll(file: ProbeFile, resid: TensorLike, applies: readonly boolean[], labels: readonly string[] = Object.keys(file.probes)): TokenProbes[] {
  const { layers, T, d } = residSizes(resid);
  if (layers !== file.standardise.length) throw new RangeError(`resid has ${layers} residual layers, the probes ${file.standardise.length}`);
  if (d !== file.model.d_model) throw new RangeError(`resid has d = ${d}, the probes ${file.model.d_model}`);
  if (applies.length !== T) throw new RangeError(`applies has ${applies.length} entries for ${T} tokens`);
  return labels.map((label) => {
    const scope = labelScope(label);
    const predictions: (ProbePrediction | null)[][] = [];
    for (let l = 0; l < layers; l++) {
      const row: (ProbePrediction | null)[] = [];
      for (let t = 0; t < T; t++) {
        row.push(scope === 'document' || applies[t] ? probeVector(file, label, l, residRow(resid, l, t)) : null);
      }
      predictions.push(row);
    }
    const probe = file.probes[label];
    return { label, scope, classes: probe === undefined ? [] : probe.classes, predictions };
  });
}

/** Whether position t had less context than the probes were trained with. */
export function lowContext(file: ProbeFile, position: number): boolean {
  return position < file.min_context;
}

export interface Word {
  /** Token positions [first, end) of the word. */
  first: number;
  end: number;
  /**
   * The token the word is read at: its last token that holds a letter or digit (when `lettered` is
   * given), else its last token that holds a non-whitespace character; −1 if it has none.
   */
  last: number;
}

/** Whether a piece of text holds a letter or a digit (of any script). */
export function hasLetterOrDigit(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/**
 * Tokens grouped into words: a word starts at every word-initial piece (`wordStart[t]`, e.g.
 * Piece.wordStart from text-window.ts) and runs to the next one; token 0 always starts one.
 * Trailing whitespace tokens (a newline after a word) stay with the word before them, and so does
 * punctuation ("mat." is one word of the tokenizer). In the Brown data the probes were trained on,
 * punctuation is a word of its own ("." has the part of speech "."), so a word is read at its own
 * last piece: the last token with a letter or digit (`lettered[t]`, e.g. hasLetterOrDigit on the
 * token's text), "mat" in "mat.", not the full stop. A word without one ("—", "...") is read at its
 * last non-whitespace token.
 */
export function groupWords(wordStart: readonly boolean[], applies: readonly boolean[], lettered?: readonly boolean[]): Word[] {
  const words: Word[] = [];
  const fallback: number[] = [];
  for (let t = 0; t < wordStart.length; t++) {
    if (t === 0 || wordStart[t]) {
      words.push({ first: t, end: t + 1, last: -1 });
      fallback.push(-1);
    } else words[words.length - 1].end = t + 1;
    const w = words.length - 1;
    if (!applies[t]) continue;
    if (lettered === undefined || lettered[t]) words[w].last = t;
    else fallback[w] = t;
  }
  words.forEach((w, i) => {
    if (w.last < 0) w.last = fallback[i];
  });
  return words;
}

/**
 * A word-level prediction per word and layer, read at the word's last non-whitespace token: the
 * model is causal, so only that token has seen the whole word (in training every token of the word
 * carried the word's label). Null for a word of only whitespace.
 */
export function wordPredictions(tokenProbes: TokenProbes, words: readonly Word[]): (ProbePrediction | null)[][] {
  return tokenProbes.predictions.map((row) => words.map((w) => (w.last < 0 ? null : row[w.last])));
}

/**
 * A document label's prediction per layer: the mean of every token's class probabilities
 * (optionally from position `from` on, e.g. min_context, to use only well-informed tokens).
 */
export function documentPrediction(tokenProbes: TokenProbes, from = 0): ProbePrediction[] {
  const C = tokenProbes.classes.length;
  return tokenProbes.predictions.map((row) => {
    const mean = new Float64Array(C);
    let n = 0;
    for (let t = Math.min(Math.max(0, from), Math.max(0, row.length - 1)); t < row.length; t++) {
      const p = row[t];
      if (p === null) continue;
      for (let c = 0; c < C; c++) mean[c] += p.probs[c];
      n++;
    }
    if (n > 0) for (let c = 0; c < C; c++) mean[c] /= n;
    const index = argmax(mean);
    return { probs: mean, index, label: tokenProbes.classes[index] ?? '', confidence: mean[index] ?? 0 };
  });
}
