/**
 * The numbers "Why stack layers" states about the ladder's measurements repeated on the Brown model, read from
 * public/models/transformer-dezoom.json (models/transformer/measure_dezoom.py) through its validating reader.
 * Two probe seeds: a number is given for each ("54% and 48%"); test/unit/essays/dezoom-brown-claims.test.ts
 * holds the words around them (beats, ties, gains) to the intervals in the file.
 */
import measurements from '../../public/models/transformer-dezoom.json';
import { parseTransformerDezoom, type DezoomSeed } from '../../widgets/models/transformer/dezoom.ts';

export const dz = parseTransformerDezoom(measurements);
const pct = (x: number) => `${Math.round(100 * x)}%`;
const points = (x: number) => `${Math.round(100 * x)}`;
/** The last value of a "1 and 2" list decides the unit's number. */
const unit = (v: string, one: string, many: string) => `${v} ${v.endsWith(' 1') || v === '1' ? one : many}`;
const pct1 = (x: number) => `${(100 * x).toFixed(1)}%`;
/** "a, b and c". */
const and = (xs: string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
/** One value per probe seed, in prose: "54% and 48%", or one value where the seeds agree. */
const perSeed = (f: (s: DezoomSeed) => string) => {
  const v = dz.seeds.map(f);
  return new Set(v).size === 1 ? v[0]! : and(v);
};
const top = dz.layers;
const lastK = dz.cutKs.length - 1;
/** The layer (1…L) at which a curve is highest, per seed: the first seed's (the tests check the others tie). */
const best = (acc: number[]) => acc.indexOf(Math.max(...acc.slice(1)));

export const n = {
  seeds: dz.seeds.length,
  layers: dz.layers,
  documents: dz.valDocuments,
  genre: {
    bag: perSeed((s) => pct(s.genre.bag)),
    layer1: perSeed((s) => pct(s.genre.acc[1]!)),
    top: perSeed((s) => pct(s.genre.acc[top]!)),
    majority: perSeed((s) => pct(s.genre.majority)),
  },
  upos: {
    singleWords: perSeed((s) => s.upos.single.words.toLocaleString('en-US')),
    multiWords: perSeed((s) => s.upos.multi.words.toLocaleString('en-US')),
    single0: perSeed((s) => pct(s.upos.single.acc[0]!)),
    singleGain: unit(perSeed((s) => points(Math.max(...s.upos.single.acc.slice(1)) - s.upos.single.acc[0]!)), 'point', 'points'),
    multi0: perSeed((s) => pct(s.upos.multi.acc[0]!)),
    multiBest: perSeed((s) => pct(Math.max(...s.upos.multi.acc.slice(1)))),
    multiBestLayer: best(dz.seeds[0]!.upos.multi.acc),
    multiGain: unit(perSeed((s) => points(Math.max(...s.upos.multi.acc.slice(1)) - s.upos.multi.acc[0]!)), 'point', 'points'),
  },
  sentpos: {
    layer0: perSeed((s) => pct(s.sentpos.acc[0]!)),
    top: perSeed((s) => pct(s.sentpos.acc[top]!)),
    majority: perSeed((s) => pct(s.sentpos.majority)),
    control: perSeed((s) => pct(s.sentpos.controlAcc[top]!)),
  },
  context: {
    k: dz.cutKs[lastK]!,
    window: dz.window,
    /** Change of each layer's vector when all but the last k tokens are cut, per layer 1…L. */
    cut: and(dz.cut.change.slice(1).map((row) => pct(row[lastK]!))),
    replaced: and(dz.replaced.change.slice(1).map((row) => pct1(row[lastK]!))),
    threshold: pct(dz.effectiveChange),
    /** With the far tokens replaced: per layer 1…L, how many kept tokens bring the change under the threshold. */
    effective: and(dz.replaced.effectiveK.slice(1).map((k) => (k === null ? `more than ${dz.cutKs[lastK]}` : `${k}`))),
  },
};
