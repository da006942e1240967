/**
 * convnet-measurements.json (models/convnet/MEASUREMENTS.md): the convnet's layer-1 kernels, each channel's
 * top val patches, its selectivity against the drawings' labels, and theoretical and effective receptive
 * fields, measured at factory time. A validating loader that names the file and the field of anything
 * malformed, and decodes the patches and effective-receptive-field maps into typed arrays (the types are in
 * measurements-types.ts, re-exported here).
 */

import { JsonReader, array, field, finite, integer, list, nullable, nullableFinite, object, positiveInteger, record, section, string, type Read } from '../../runtime/validate.ts';
import { FAMILIES, NMI_KEYS, type Box, type BlockPatches, type ConvnetMeasurements, type ErfCheckpoint, type ErfInterval, type ErfMap, type ErfSet, type Family, type Patch, type SecondBlock, type SecondNetwork, type SelectivityBlock, type SelectivitySummary, type TopPurity, type TrainedSummary } from './measurements-types.ts';

export { FAMILIES, NMI_KEYS } from './measurements-types.ts';
export type { Family, NmiKey, Box, Patch, BlockPatches, SelectivityBlock, SelectivitySummary, TrainedSummary, ErfMap, ErfSet, ErfCheckpoint, TopPurity, ErfInterval, SecondBlock, SecondNetwork, ConvnetMeasurements } from './measurements-types.ts';

const SIZE = 32;

function box(r: JsonReader, v: unknown): Box {
  const [x0, y0, w, h] = list(integer, 4)(r, v) as Box;
  return [x0, y0, w, h];
}

function base64Bytes(r: JsonReader, v: unknown): Uint8Array {
  const s = string(r, v);
  let bin: string;
  try {
    bin = atob(s);
  } catch {
    r.fail('must be base64');
  }
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function blockPatches(r: JsonReader, v: unknown, block: number): BlockPatches {
  const o = object(r, v);
  const rf = field(r, o, 'rf', positiveInteger);
  if (field(r, o, 'block', positiveInteger) !== block) r.at('block').fail(`must be ${block}`);
  const channels = field(r, o, 'channels', (rc, cv) =>
    array(rc, cv).map((chv, c) => {
      const rch = rc.at(c);
      const ch = object(rch, chv);
      const images = field(rch, ch, 'image', list(integer));
      const n = images.length;
      const xs = field(rch, ch, 'x', list(integer, n));
      const ys = field(rch, ch, 'y', list(integer, n));
      const acts = field(rch, ch, 'act', list(finite, n));
      const boxes = field(rch, ch, 'box', list(box, n));
      const data = field(rch, ch, 'data', list(base64Bytes, n));
      return images.map((image, i): Patch => {
        const [bx, by, w, h] = boxes[i]!;
        if (bx + w > rf || by + h > rf) rch.at('box').at(i).fail(`must lie inside the ${rf} × ${rf} window`);
        if (data[i]!.length !== w * h) rch.at('data').at(i).fail(`must decode to ${w}·${h} = ${w * h} bytes, has ${data[i]!.length}`);
        return { image, x: xs[i]!, y: ys[i]!, activation: acts[i]!, box: boxes[i]!, pixels: data[i]! };
      });
    }),
  );
  return { block, rf, jump: field(r, o, 'jump', positiveInteger), channels };
}

function summary(r: JsonReader, v: unknown): SelectivitySummary {
  const o = object(r, v);
  return {
    channels: field(r, o, 'channels', positiveInteger),
    dead: field(r, o, 'dead', integer),
    meanNmi: field(r, o, 'mean_nmi', record(NMI_KEYS, finite)),
    maxNmi: field(r, o, 'max_nmi', record(NMI_KEYS, finite)),
    bestFamilyShare: field(r, o, 'best_family_share', record(FAMILIES, finite)),
  };
}

function trainedSummary(r: JsonReader, v: unknown): TrainedSummary {
  const o = object(r, v);
  return {
    ...summary(r, v),
    rise: field(r, o, 'rise', record(NMI_KEYS, nullableFinite)),
    riseRange: field(r, o, 'rise_range', record(NMI_KEYS, nullable((rr, x) => list(finite, 2)(rr, x) as [number, number]))),
    bestFamilyRiseShare: field(r, o, 'best_family_rise_share', record(FAMILIES, finite)),
  };
}

function family(r: JsonReader, v: unknown): Family {
  const s = string(r, v);
  if (!(FAMILIES as readonly string[]).includes(s)) r.fail(`must be one of ${FAMILIES.join(', ')}, got "${s}"`);
  return s as Family;
}

/** Per family, per channel: the index of its best label (below the family's label count), null for a dead channel. */
function bestLabels(channels: number, sizes: Record<Family, number>): Read<Record<Family, (number | null)[]>> {
  return (rb, bv) => {
    const b = object(rb, bv);
    return Object.fromEntries(
      FAMILIES.map((f) => [f, field(rb, b, f, list(nullable((ri, x) => {
        const k = integer(ri, x);
        if (k >= sizes[f]) ri.fail(`must be below ${sizes[f]}`);
        return k;
      }), channels))]),
    ) as Record<Family, (number | null)[]>;
  };
}

function selectivityBlock(r: JsonReader, v: unknown, channels: number, sizes: Record<Family, number>): SelectivityBlock {
  const o = object(r, v);
  const perChannel = <T>(read: Read<T>) => list(read, channels);
  const lift = field(r, o, 'lift', (rl, lv) => {
    const l = object(rl, lv);
    const one = (f: Exclude<Family, 'part'>) => field(rl, l, f, perChannel(nullable(list(nullableFinite, sizes[f]))));
    return { orientation: one('orientation'), shape: one('shape'), class: one('class') };
  });
  return {
    lift,
    best: field(r, o, 'best', bestLabels(channels, sizes)),
    bestLift: field(r, o, 'best_lift', record(FAMILIES, perChannel(nullableFinite))),
    nmi: field(r, o, 'nmi', record(NMI_KEYS, perChannel(finite))),
    bestFamily: field(r, o, 'best_family', perChannel(nullable(family))),
    bestFamilyRise: field(r, o, 'best_family_rise', perChannel(nullable(family))),
    summary: field(r, o, 'summary', trainedSummary),
  };
}

function erfMap(r: JsonReader, v: unknown): ErfMap {
  const o = object(r, v);
  const b = field(r, o, 'box', box);
  const [x0, y0, w, h] = b;
  if (x0 + w > SIZE || y0 + h > SIZE) r.at('box').fail(`must lie inside the ${SIZE} × ${SIZE} image`);
  const values = field(r, o, 'values', list(finite, w * h));
  const map = new Float32Array(SIZE * SIZE);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) map[(y0 + y) * SIZE + x0 + x] = values[y * w + x]!;
  const sigma = field(r, o, 'sigma', finite);
  if (!(sigma > 0)) r.at('sigma').fail(`must be positive, got ${sigma}`);
  return { map, box: b, x: field(r, o, 'x', finite), y: field(r, o, 'y', finite), sigma };
}

function erfSet(r: JsonReader, v: unknown, blocks: number): ErfSet {
  const o = object(r, v);
  return {
    val: field(r, o, 'val', list(erfMap, blocks)),
    random: field(r, o, 'random', list(erfMap, blocks)),
    valSigmaRatio: field(r, o, 'val_sigma_ratio', list(finite, blocks)),
    randomSigmaRatio: field(r, o, 'random_sigma_ratio', list(finite, blocks)),
  };
}

function erfInterval(blocks: number): Read<ErfInterval> {
  return (r, v) => {
    const o = object(r, v);
    const e = { sigma: field(r, o, 'sigma', list(finite, blocks)), low: field(r, o, 'low', list(finite, blocks)), high: field(r, o, 'high', list(finite, blocks)) };
    e.sigma.forEach((s, i) => {
      if (!(s > 0)) r.at('sigma').at(i).fail(`must be positive, got ${s}`);
      if (!(e.low[i]! <= e.high[i]!)) r.at('low').at(i).fail(`must not exceed high (${e.high[i]})`);
    });
    return e;
  };
}

/** A share in [0, 1]. */
function unitInterval(r: JsonReader, v: unknown): number {
  const x = finite(r, v);
  if (x < 0 || x > 1) r.fail(`must lie in [0, 1], got ${x}`);
  return x;
}

function secondNetwork(r: JsonReader, v: unknown, channels: number[], sizes: Record<Family, number>, inits: number): SecondNetwork {
  const o = object(r, v);
  const L = channels.length;
  const initIndex = field(r, o, 'init_index', nullable((ri, x) => {
    const k = integer(ri, x);
    if (k >= inits) ri.fail(`must be below ${inits}, the untrained networks measured`);
    return k;
  }));
  const blocks = field(r, o, 'blocks', (rb, bv) => array(rb, bv, L).map((b, i): SecondBlock => {
    const rbi = rb.at(i);
    const ob = object(rbi, b);
    const summary = field(rbi, ob, 'summary', trainedSummary);
    if (summary.channels !== channels[i]) rbi.at('summary').at('channels').fail(`must be ${channels[i]}, the block's channels`);
    return {
      summary,
      best: field(rbi, ob, 'best', bestLabels(channels[i]!, sizes)),
      bestLift: field(rbi, ob, 'best_lift', record(FAMILIES, list(nullableFinite, channels[i]!))),
    };
  }));
  const topPurity = field(r, o, 'top_purity', list(integer, L));
  topPurity.forEach((k, i) => {
    if (k > channels[i]!) r.at('top_purity').at(i).fail(`must not exceed the block's ${channels[i]} channels`);
  });
  const [re, e] = section(r, o, 'erf');
  return {
    checkpointSha256: field(r, o, 'checkpoint_sha256', string),
    checkpoint: field(r, o, 'checkpoint', object),
    initIndex,
    valAccuracy: field(r, o, 'val_accuracy', unitInterval),
    valLoss: field(r, o, 'val_loss', finite),
    valCleanAccuracy: field(r, o, 'val_clean_accuracy', nullable(unitInterval)),
    cpuSeconds: field(r, o, 'cpu_seconds', nullableFinite),
    blocks,
    topPurity,
    erf: { init: field(re, e, 'init', erfInterval(L)), trained: field(re, e, 'trained', erfInterval(L)) },
  };
}

/** Validates public/models/convnet-measurements.json and decodes its patches and maps. */
export function parseConvnetMeasurements(json: unknown, file = 'convnet-measurements.json'): ConvnetMeasurements {
  const r = new JsonReader(file);
  const o = object(r, json);

  const [rm, m] = section(r, o, 'meta');
  const [rd, d] = section(rm, m, 'data');
  const meta = {
    checkpointSha256: field(rm, m, 'checkpoint_sha256', string),
    initSha256: field(rm, m, 'init_sha256', string),
    checkpoint: field(rm, m, 'checkpoint', object),
    valCount: field(rd, d, 'val_count', positiveInteger),
    parts: field(rd, d, 'parts', list(string)),
    classes: field(rd, d, 'classes', list(string)),
    shapes: field(rd, d, 'shapes', list(string)),
    orientationBins: field(rd, d, 'orientation_bins', positiveInteger),
    erfImages: field(rm, m, 'erf_images', positiveInteger),
    top: field(rm, m, 'top', positiveInteger),
  };
  const sizes: Record<Family, number> = {
    orientation: meta.orientationBins, shape: meta.shapes.length, part: meta.parts.length, class: meta.classes.length,
  };

  const [rk, k] = section(r, o, 'kernels');
  const weight = field(rk, k, 'weight', list(list(list(finite, 3), 3)));
  const kernels = { weight, bias: field(rk, k, 'bias', list(finite, weight.length)) };

  const [rr, rfo] = section(r, o, 'receptive_fields');
  const theo = field(rr, rfo, 'theoretical', object);
  const rf = field(rr.at('theoretical'), theo, 'rf', list(positiveInteger));
  const L = rf.length;
  const jump = field(rr.at('theoretical'), theo, 'jump', list(positiveInteger, L));
  const [re, e] = section(rr, rfo, 'erf');
  const plain = field(re, e, 'plain_init', object);
  const receptiveFields = {
    rf,
    jump,
    centreUnit: field(re, e, 'centre_unit', list(integer, L)),
    init: field(re, e, 'init', (ri, v) => erfSet(ri, v, L)),
    trained: field(re, e, 'trained', (ri, v) => erfSet(ri, v, L)),
    plainInit: {
      ...erfSet(re.at('plain_init'), plain, L),
      rf: field(re.at('plain_init'), plain, 'rf', list(positiveInteger, L)),
      inits: field(re.at('plain_init'), plain, 'inits', positiveInteger),
    },
    sqrtDepth: field(re, e, 'sqrt_depth', list(finite, L)),
    training: field(re, e, 'training', list((rc, cv): ErfCheckpoint => {
      const c = object(rc, cv);
      return {
        epoch: field(rc, c, 'epoch', integer),
        sigma: field(rc, c, 'sigma', list(finite, L)),
        low: field(rc, c, 'low', list(finite, L)),
        high: field(rc, c, 'high', list(finite, L)),
      };
    })),
  };

  const topPatches = field(r, o, 'top_patches', (rt, tv) => array(rt, tv, L).map((b, i) => blockPatches(rt.at(i), b, i + 1)));
  topPatches.forEach((b, i) => {
    if (b.rf !== rf[i] || b.jump !== jump[i]) r.at('top_patches').at(i).fail(`must have rf ${rf[i]} and jump ${jump[i]}`);
  });
  const channels = topPatches.map((b) => b.channels.length);

  const [rs, s] = section(r, o, 'selectivity');
  const selectivity = {
    blocks: field(rs, s, 'blocks', (rb, bv) => array(rb, bv, L).map((b, i) => selectivityBlock(rb.at(i), b, channels[i]!, sizes))),
    initSummary: field(rs, s, 'init_summary', list(summary, L)),
    otherInitSummary: field(rs, s, 'other_init_summary', list(summary, L)),
    initSummaries: field(rs, s, 'init_summaries', list(list(summary, L))),
    topPurity: field(rs, s, 'top_purity', (rt, tv): TopPurity => {
      const t = object(rt, tv);
      return {
        top: field(rt, t, 'top', positiveInteger),
        trained: field(rt, t, 'trained', list(integer, L)),
        inits: field(rt, t, 'inits', list(list(integer, L))),
        channels: field(rt, t, 'channels', list(positiveInteger, L)),
      };
    }),
  };

  const second = field(r, o, 'second', (r2, v2) => secondNetwork(r2, v2, channels, sizes, selectivity.initSummaries.length));
  if (second.checkpointSha256 === meta.checkpointSha256) r.at('second').at('checkpoint_sha256').fail('must differ from the first network\'s: the second network is another training');

  return { meta, kernels, topPatches, selectivity, receptiveFields, second };
}

/** A patch drawn into its full rf × rf receptive-field window (paper = 0 outside the ink box). */
export function patchWindow(p: Patch, rf: number): Uint8Array {
  const out = new Uint8Array(rf * rf);
  const [bx, by, w, h] = p.box;
  for (let y = 0; y < h; y++) out.set(p.pixels.subarray(y * w, (y + 1) * w), (by + y) * rf + bx);
  return out;
}
