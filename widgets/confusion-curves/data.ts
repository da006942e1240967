/**
 * The confusion-set learning curves (Banko & Brill 2001 at toy scale) from public/models/scaling/confusion.json,
 * the error-rate laws in fits.json, and the shipped transformer's answers in confusion-lm.json
 * (models/confusion/README.md). Pure: takes the parsed JSON.
 */

export interface CurvePoint {
  learner: string;
  fraction: string;
  words: number;
  mean: number;
  min: number;
  max: number;
}

export interface ConfusionSet {
  id: string;
  name: string;
  majority: number;
  trainExamples: number;
  testExamples: number;
}

export interface ErrorLaw {
  E: number;
  A: number;
  alpha: number;
  alphaCi: [number, number] | null;
}

/** The transformer's level: one model trained once on all of Brown train, so one point, not a curve. */
export interface LmLevel {
  words: number;
  acc: number;
  /** 95 % bootstrap interval over the test documents. */
  lo: number;
  hi: number;
}

export interface TransformerLevels {
  /** The context the figure shows ('window': the learners' words). */
  context: string;
  contexts: string[];
  /** Per context, per view ('all' or a set id). */
  levels: Record<string, Record<string, LmLevel>>;
  params: number;
}

export interface ConfusionData {
  learners: string[];
  sets: ConfusionSet[];
  /** Macro-averaged curves ('all') and per-set curves, keyed by set id. */
  curves: Record<string, CurvePoint[]>;
  /** Macro-averaged majority-member accuracy (the floor). */
  majority: number;
  laws: Record<string, ErrorLaw | null>;
  trainWords: number;
  /** The shipped transformer's level per view; null when its log is absent. */
  transformer: TransformerLevels | null;
}

export const LEARNER_LABELS: Record<string, string> = {
  counting: 'counting (collocation back-off)',
  'naive-bayes': 'naive Bayes',
  'logistic-regression': 'logistic regression',
  transformer: 'the transformer’s own probabilities (trained once, on all of Brown train)',
};

/** "their/there/they're" → "their-there-theyre": a URL-safe id. */
export const setId = (name: string) => name.toLowerCase().replace(/'/g, '').replace(/[^a-z0-9]+/g, '-');

type Json = Record<string, any>;

/** The transformer's levels from confusion-lm.json; null if absent or not in the expected shape. */
export function transformerLevels(lm: unknown): TransformerLevels | null {
  const j = lm as Json;
  if (!Array.isArray(j?.curves) || !Array.isArray(j?.runs) || typeof j?.primary_context !== 'string') return null;
  const levels: Record<string, Record<string, LmLevel>> = {};
  for (const c of j.curves as Json[]) {
    const ci = Array.isArray(c.macro_accuracy_ci95) ? c.macro_accuracy_ci95 : [c.macro_accuracy_min, c.macro_accuracy_max];
    (levels[String(c.context)] ??= {}).all = { words: Number(c.train_words_mean), acc: Number(c.macro_accuracy_mean), lo: Number(ci[0]), hi: Number(ci[1]) };
  }
  for (const r of j.runs as Json[])
    (levels[String(r.context)] ??= {})[setId(String(r.set))] = { words: Number(r.train_words), acc: Number(r.accuracy), lo: Number(r.accuracy_ci95[0]), hi: Number(r.accuracy_ci95[1]) };
  if (!levels[j.primary_context]?.all) return null;
  return { context: j.primary_context, contexts: Object.keys(levels), levels, params: Number(j.model?.params) };
}

/** The transformer's level in the chosen view (figure's context), or null. */
export const transformerAt = (data: ConfusionData, set: string): LmLevel | null => data.transformer?.levels[data.transformer.context]?.[set] ?? null;

export function confusionData(confusion: unknown, fits: unknown, lm: unknown = null): ConfusionData {
  const c = confusion as Json;
  const f = fits as Json;
  if (!Array.isArray(c?.curves) || !Array.isArray(c?.runs) || !Array.isArray(c?.sets)) throw new Error('confusion.json: curves, runs and sets expected');
  const learners: string[] = (c.config?.learners ?? []).map(String);
  const sets: ConfusionSet[] = c.sets.map((s: Json) => ({
    id: setId(String(s.set)),
    name: String(s.set),
    majority: Number(s.majority_test_accuracy),
    trainExamples: Number(s.train_examples),
    testExamples: Number(s.test_examples),
  }));
  const curves: Record<string, CurvePoint[]> = {
    all: c.curves.map((p: Json) => ({
      learner: String(p.learner),
      fraction: String(p.fraction),
      words: Number(p.train_words_mean),
      mean: Number(p.macro_accuracy_mean),
      min: Number(p.macro_accuracy_min),
      max: Number(p.macro_accuracy_max),
    })),
  };
  for (const s of sets) {
    const groups = new Map<string, { words: number[]; acc: number[]; learner: string; fraction: string }>();
    for (const r of c.runs as Json[]) {
      if (setId(String(r.set)) !== s.id) continue;
      const k = `${r.learner} ${r.fraction}`;
      const g = groups.get(k) ?? { words: [], acc: [], learner: String(r.learner), fraction: String(r.fraction) };
      g.words.push(Number(r.train_words));
      g.acc.push(Number(r.accuracy));
      groups.set(k, g);
    }
    curves[s.id] = [...groups.values()].map((g) => ({
      learner: g.learner,
      fraction: g.fraction,
      words: g.words.reduce((a, b) => a + b, 0) / g.words.length,
      mean: g.acc.reduce((a, b) => a + b, 0) / g.acc.length,
      min: Math.min(...g.acc),
      max: Math.max(...g.acc),
    })).sort((a, b) => a.learner.localeCompare(b.learner) || a.words - b.words);
  }
  const laws: Record<string, ErrorLaw | null> = {};
  for (const l of learners) {
    const j = f?.confusion?.by_learner?.[l];
    laws[l] = j && typeof j.E === 'number'
      ? { E: j.E, A: j.A, alpha: j.alpha, alphaCi: Array.isArray(j.alpha_ci95) ? [j.alpha_ci95[0], j.alpha_ci95[1]] : null }
      : null;
  }
  return {
    learners,
    sets,
    curves,
    majority: sets.reduce((a, s) => a + s.majority, 0) / Math.max(1, sets.length),
    laws,
    trainWords: Number(c.corpus?.train_words),
    transformer: transformerLevels(lm),
  };
}

/** Accuracy the error-rate law predicts at W training words: 1 − (E + A·W^−α). */
export const lawAccuracy = (law: ErrorLaw, words: number) => 1 - (law.E + law.A * Math.pow(words, -law.alpha));

/** The floor of the chosen view: the macro majority, or one set's. */
export function majorityOf(data: ConfusionData, set: string): number {
  return set === 'all' ? data.majority : data.sets.find((s) => s.id === set)?.majority ?? data.majority;
}
