/**
 * transformer-probes.json (models/transformer/MEASUREMENTS.md): the linear probes' weights, so that a
 * widget can apply them to the reader's own text; types and a validating loader.
 */

import { JsonReader, array, field, integer, nullableFinite, object, string, vector } from '../../runtime/validate.ts';
import { modelSection } from './measurements.ts';

/** One linear probe: logits = W z + b, W stored row-major [classes × d_model]. */
export interface ProbeWeights {
  /** Residual layer 0…L. */
  layer: number;
  val_acc: number | null;
  W: Float64Array;
  b: Float64Array;
}

export interface ProbeFile {
  model: { checkpoint_sha256: string; n_layer: number; d_model: number };
  /** Tokens of context the probes were trained with (they still run on fewer). */
  min_context: number;
  /** Per residual layer 0…L: the training tokens' per-dimension mean and standard deviation. */
  standardise: { layer: number; mean: Float64Array; std: Float64Array }[];
  probes: Record<string, { classes: string[]; layers: ProbeWeights[] }>;
}

/** Validates public/models/transformer-probes.json; weights come back as flat Float64Arrays. */
export function parseProbeFile(json: unknown, file = 'transformer-probes.json'): ProbeFile {
  const r = new JsonReader(file);
  const o = object(r, json);
  const { checkpoint_sha256, n_layer, d_model } = modelSection(r, o);
  const model = { checkpoint_sha256, n_layer, d_model };
  const { n_layer: L, d_model: d } = model;

  const standardise = array(r.at('standardise'), o.standardise, L + 1).map((sv, i) => {
    const rs = r.at('standardise').at(i);
    const s = object(rs, sv);
    const layer = field(rs, s, 'layer', integer);
    if (layer !== i) rs.at('layer').fail(`must be ${i}, got ${layer}`);
    const std = field(rs, s, 'std', (rr, v) => vector(rr, v, d));
    std.forEach((x, k) => {
      if (!(x > 0)) rs.at('std').at(k).fail(`must be > 0 (it divides), got ${x}`);
    });
    return { layer, mean: field(rs, s, 'mean', (rr, v) => vector(rr, v, d)), std };
  });

  const rP = r.at('probes');
  const po = field(r, o, 'probes', object);
  const probes: ProbeFile['probes'] = {};
  for (const label of Object.keys(po)) {
    const rp = rP.at(label);
    const p = object(rp, po[label]);
    const classes = field(rp, p, 'classes', array).map((c, i) => string(rp.at('classes').at(i), c));
    if (classes.length < 2) rp.at('classes').fail(`must name at least 2 classes, has ${classes.length}`);
    const C = classes.length;
    const layers = array(rp.at('layers'), p.layers, L + 1).map((lv, i) => {
      const rl = rp.at('layers').at(i);
      const l = object(rl, lv);
      const layer = field(rl, l, 'layer', integer);
      if (layer !== i) rl.at('layer').fail(`must be ${i}, got ${layer}`);
      const rows = array(rl.at('W'), l.W, C);
      const W = new Float64Array(C * d);
      rows.forEach((row, c) => W.set(vector(rl.at('W').at(c), row, d), c * d));
      return {
        layer,
        val_acc: l.val_acc === undefined ? null : field(rl, l, 'val_acc', nullableFinite),
        W,
        b: field(rl, l, 'b', (rr, v) => vector(rr, v, C)),
      };
    });
    probes[label] = { classes, layers };
  }

  return { model, min_context: o.min_context === undefined ? 0 : field(r, o, 'min_context', integer), standardise, probes };
}
