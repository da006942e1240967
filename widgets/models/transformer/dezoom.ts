/**
 * The depth ladder's dezoom measurements repeated on the Brown model (public/models/transformer-dezoom.json,
 * written by models/transformer/measure_dezoom.py; fields: models/transformer/MEASUREMENTS.md): effective
 * context per layer, genre beside a bag-of-embeddings probe, part of speech for words of one and of several
 * BPE pieces, and sentence position with its control task, once per probe seed, each with a 95 % bootstrap
 * interval over the validation documents. Types and a validating loader: a stale or hand-edited file fails at
 * load with the file and the field's path.
 */
import { JsonReader, array, field, finite, integer, list, nullable, object, positiveInteger, section, type Read } from '../../runtime/validate.ts';

/** [low, high] of a 95 % bootstrap interval over documents. */
export type Interval = [number, number];

/** How much the residual vector at a window's last position changes (‖h' − h‖ / ‖h‖), per layer 0…L and k. */
export interface ContextChange {
  change: number[][];
  changeCi: Interval[][];
  /** Per layer, the smallest k whose mean change is under the threshold; null: none up to the last k. */
  effectiveK: (number | null)[];
  /** The same for the intervals' upper ends (the conservative reading). */
  effectiveKUpper: (number | null)[];
}

/** A probe's validation accuracy per layer 0…L with its intervals. */
export interface LayerCurve {
  majority: number;
  acc: number[];
  ci: Interval[];
}

export interface PiecesGroup extends LayerCurve {
  words: number;
  /** acc(ℓ) − acc(0) on the same words, paired. */
  gainCi: Interval[];
}

export interface DezoomSeed {
  seed: number;
  genre: LayerCurve & { bag: number; bagCi: Interval; layerMinusBagCi: Interval[] };
  upos: { single: PiecesGroup; multi: PiecesGroup; multiGainMinusSingleGainCi: Interval[] };
  sentpos: LayerCurve & { gainCi: Interval[]; controlAcc: number[]; controlCi: Interval[]; selectivity: number[]; selectivityCi: Interval[] };
}

export interface TransformerDezoom {
  layers: number;
  valDocuments: number;
  /** Tokens per window: the model's context. */
  window: number;
  /** The change under which a layer counts as unaffected by a cut (the ladder's criterion). */
  effectiveChange: number;
  cutKs: number[];
  /** Windows (one position each) the effective context is measured on, and their documents. */
  positions: number;
  documents: number;
  /** The context cut to the last k tokens (positions kept), as the ladder measures it. */
  cut: ContextChange;
  /** The tokens before the last k replaced by another document's, the window kept at full length. */
  replaced: ContextChange;
  seeds: DezoomSeed[];
}

const interval: Read<Interval> = (r, v) => {
  const a = array(r, v, 2).map((x, i) => finite(r.at(i), x)) as Interval;
  if (!(a[0] <= a[1])) r.fail(`must be [low, high], got [${a[0]}, ${a[1]}]`);
  return a;
};
const numbers = (n: number): Read<number[]> => list(finite, n);
const intervals = (n: number): Read<Interval[]> => list(interval, n);

function contextChange(r: JsonReader, v: unknown, L1: number, K: number): ContextChange {
  const o = object(r, v);
  return {
    change: field(r, o, 'change', list(numbers(K), L1)),
    changeCi: field(r, o, 'change_ci', list(intervals(K), L1)),
    effectiveK: field(r, o, 'effective_k', list(nullable(positiveInteger), L1)),
    effectiveKUpper: field(r, o, 'effective_k_upper', list(nullable(positiveInteger), L1)),
  };
}

function curve(r: JsonReader, o: Record<string, unknown>, L1: number): LayerCurve {
  return { majority: field(r, o, 'majority', finite), acc: field(r, o, 'acc', numbers(L1)), ci: field(r, o, 'ci', intervals(L1)) };
}

function group(r: JsonReader, v: unknown, L1: number): PiecesGroup {
  const o = object(r, v);
  return { ...curve(r, o, L1), words: field(r, o, 'words', positiveInteger), gainCi: field(r, o, 'gain_over_layer0_ci', intervals(L1)) };
}

function seed(r: JsonReader, v: unknown, L1: number): DezoomSeed {
  const o = object(r, v);
  const [rg, g] = section(r, o, 'genre');
  const [ru, u] = section(r, o, 'upos_by_pieces');
  const [rs, s] = section(r, o, 'sentpos');
  return {
    seed: field(r, o, 'seed', integer),
    genre: {
      ...curve(rg, g, L1),
      bag: field(rg, g, 'bag_of_embeddings', finite),
      bagCi: field(rg, g, 'bag_of_embeddings_ci', interval),
      layerMinusBagCi: field(rg, g, 'layer_minus_bag_ci', intervals(L1)),
    },
    upos: {
      single: field(ru, u, 'single', (rr, vv) => group(rr, vv, L1)),
      multi: field(ru, u, 'multi', (rr, vv) => group(rr, vv, L1)),
      multiGainMinusSingleGainCi: field(ru, u, 'multi_gain_minus_single_gain_ci', intervals(L1)),
    },
    sentpos: {
      ...curve(rs, s, L1),
      gainCi: field(rs, s, 'gain_over_layer0_ci', intervals(L1)),
      controlAcc: field(rs, s, 'control_acc', numbers(L1)),
      controlCi: field(rs, s, 'control_ci', intervals(L1)),
      selectivity: field(rs, s, 'selectivity', numbers(L1)),
      selectivityCi: field(rs, s, 'selectivity_ci', intervals(L1)),
    },
  };
}

/** Validates public/models/transformer-dezoom.json. Throws an Error naming the file and the field. */
export function parseTransformerDezoom(json: unknown, file = 'transformer-dezoom.json'): TransformerDezoom {
  const r = new JsonReader(file);
  const o = object(r, json);
  const [rm, m] = section(r, o, 'model');
  const layers = field(rm, m, 'n_layer', positiveInteger);
  const L1 = layers + 1;
  const [rc, c] = section(r, o, 'criterion');
  const [rd, d] = section(r, o, 'data');
  const [re, e] = section(r, o, 'effective_context');
  const cutKs = field(re, e, 'cut_ks', list(positiveInteger));
  const K = cutKs.length;
  const seeds = field(r, o, 'seeds', list((rr, vv) => seed(rr, vv, L1)));
  if (seeds.length === 0) r.at('seeds').fail('must list at least one probe seed');
  return {
    layers,
    valDocuments: field(rd, d, 'val_documents', positiveInteger),
    window: field(rd, d, 'window', positiveInteger),
    effectiveChange: field(rc, c, 'effective_change', finite),
    cutKs,
    positions: field(re, e, 'positions', positiveInteger),
    documents: field(re, e, 'documents', positiveInteger),
    cut: field(re, e, 'cut', (rr, vv) => contextChange(rr, vv, L1, K)),
    replaced: field(re, e, 'replaced', (rr, vv) => contextChange(rr, vv, L1, K)),
    seeds,
  };
}

/** A difference whose interval holds 0 is a tie. */
export function tie(ci: Interval): boolean {
  return ci[0] <= 0 && ci[1] >= 0;
}
