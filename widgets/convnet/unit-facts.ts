/**
 * What the factory measured about one channel, in words and numbers the unit panel shows: its best
 * orientation, shape, part and class by lift, the family its activation says most about (normalised mutual
 * information), and its top validation patches. Pure, over convnet-measurements.json (widgets/models/convnet/measurements.ts).
 */
import { patchWindow, type ConvnetMeasurements, type Family } from '../models/convnet/measurements.ts';

export interface UnitFact {
  family: Family;
  label: string;
  lift: number;
}

export interface ChannelFacts {
  dead: boolean;
  facts: UnitFact[];
  /** The family its activation tells most about, and the same after removing what the untrained net told. */
  bestFamily: Family | null;
  bestFamilyRise: Family | null;
  patches: { pixels: Uint8Array; size: number; activation: number; image: number }[];
}

/** Orientation bin k of 8 over [0°, 180°): its centre angle, as seen on screen (drawings/README.md). */
export function orientationLabel(bin: number): string {
  const deg = Math.round(bin * 22.5 * 10) / 10;
  const name = ({ 0: 'horizontal', 2: 'rising diagonal /', 4: 'vertical', 6: 'falling diagonal \\' } as Record<number, string>)[bin];
  return name ? `${deg}° (${name})` : `${deg}°`;
}

export function channelFacts(m: ConvnetMeasurements, block: number, channel: number): ChannelFacts {
  const sel = m.selectivity.blocks[block - 1];
  const tops = m.topPatches[block - 1];
  if (!sel || !tops) return { dead: true, facts: [], bestFamily: null, bestFamilyRise: null, patches: [] };
  const label = (family: Family, index: number): string => {
    if (family === 'orientation') return orientationLabel(index);
    if (family === 'shape') return m.meta.shapes[index] ?? `shape ${index}`;
    if (family === 'part') return m.meta.parts[index] ?? `part ${index}`;
    return m.meta.classes[index] ?? `class ${index}`;
  };
  const facts: UnitFact[] = [];
  for (const family of ['orientation', 'shape', 'part', 'class'] as const) {
    const best = sel.best[family][channel];
    const lift = sel.bestLift[family][channel];
    if (best === null || best === undefined || lift === null || lift === undefined) continue;
    facts.push({ family, label: label(family, best), lift });
  }
  const patches = (tops.channels[channel] ?? []).map((p) => ({ pixels: patchWindow(p, tops.rf), size: tops.rf, activation: p.activation, image: p.image }));
  return {
    dead: facts.length === 0,
    facts,
    bestFamily: sel.bestFamily[channel] ?? null,
    bestFamilyRise: sel.bestFamilyRise[channel] ?? null,
    patches,
  };
}

let cached: Promise<ConvnetMeasurements> | null = null;

/** Fetched once per page, when a unit panel first needs it (it is ~the size of the model). */
export function loadMeasurements(url: string, parse: (json: unknown) => ConvnetMeasurements): Promise<ConvnetMeasurements> {
  cached ??= fetch(url)
    .then((r) => {
      if (!r.ok) throw new Error(`The measurements could not be loaded (HTTP ${r.status}).`);
      return r.json();
    })
    .then(parse);
  cached.catch(() => (cached = null));
  return cached;
}
