/**
 * The convnet explorer's URL state, one typed schema:
 *   example  a dataset drawing, `<class>.<seed>` (e.g. car.3: drawSample for class car from seed 3), or
 *            `none` for the reader's own sketch (or a blank canvas)
 *   sketch   the reader's strokes (sketch-codec.ts); used when example is `none`. Whole in the link up to
 *            7,500 bytes (~3,700 points); past that the link carries a simplified copy and says so (the
 *            drawing on screen and the model's input keep every stroke)
 *   block    the block whose maps are shown, 1–4
 *   channel  the selected channel of that block (0-based)
 *   unit     the selected unit `x.y` in that block's map, or empty for none
 *   depth    the receptive fields drawn on the input for the selected point: blocks 1…depth
 * e.g. `?convnet.example=none&convnet.sketch=…&convnet.block=3&convnet.channel=12&convnet.unit=4.3`.
 * Invalid values fall back to defaults silently; a channel or unit out of range for the block is clamped by
 * normalizeState.
 */
import { field, intField, type StateOf } from '../runtime/url-state.ts';
import { BLOCK_CHANNELS, BLOCK_SIZES, CLASSES, type ClassName } from '../models/convnet/contract.ts';
import { decodeSketch, encodeSketch, sketchShortened, snapSketch, type Point } from './sketch-codec.ts';

export { BLOCK_CHANNELS, BLOCK_SIZES, CLASSES, type ClassName };
const MAX_SEED = 99_999;

export interface Example {
  label: ClassName;
  seed: number;
}

function encodeExample(e: Example | null): string {
  return e ? `${e.label}.${e.seed}` : 'none';
}

export function decodeExample(raw: string): Example | null | undefined {
  if (raw === 'none') return null;
  const m = /^([a-z]{2,10})\.(\d{1,5})$/.exec(raw);
  if (!m) return undefined;
  const label = CLASSES.find((c) => c === m[1]);
  const seed = Number(m[2]);
  return label && seed <= MAX_SEED ? { label, seed } : undefined;
}

const DEFAULT_EXAMPLE: Example = { label: 'car', seed: 1 };

export const convnetSchema = {
  example: field<Example | null>({ default: DEFAULT_EXAMPLE, type: `a generated drawing <class>.<seed> (class one of ${CLASSES.join(', ')}; seed 0…${MAX_SEED}), or none for the reader’s sketch`, encode: encodeExample, decode: decodeExample }),
  sketch: field<Point[][]>({ default: [], type: 'the reader’s strokes (compact encoding, see README)', encode: encodeSketch, decode: decodeSketch, shortened: sketchShortened }),
  block: intField({ min: 1, max: 4, default: 2 }),
  channel: intField({ min: 0, max: 63, default: 0 }),
  unit: field<{ x: number; y: number } | null>({
    default: null,
    type: '<x>.<y> in the block’s map, or empty for none',
    encode: (u) => (u ? `${u.x}.${u.y}` : ''),
    decode: (raw) => {
      if (raw === '') return null;
      const m = /^(\d{1,2})\.(\d{1,2})$/.exec(raw);
      return m ? { x: Number(m[1]), y: Number(m[2]) } : undefined;
    },
  }),
  depth: intField({ min: 1, max: 4, default: 4 }),
};

export type ConvnetState = StateOf<typeof convnetSchema>;

/**
 * Channel and unit clamped to the block's size (a link may name channel 60 of block 1, which has 16), and the
 * sketch snapped to the link's grid (64 × 64, finer than the model's 32 × 32 pixels), so the drawing on screen
 * is exactly the one a copied link reopens whenever the link carries it whole. Snapping moves points by at most
 * half a cell; it never removes a stroke.
 */
export function normalizeState(s: ConvnetState): ConvnetState {
  const b = s.block - 1;
  const channels = BLOCK_CHANNELS[b]!;
  const size = BLOCK_SIZES[b]!;
  const unit = s.unit ? { x: Math.min(size - 1, s.unit.x), y: Math.min(size - 1, s.unit.y) } : null;
  return { ...s, channel: Math.min(channels - 1, s.channel), unit, sketch: s.example ? [] : snapSketch(s.sketch) };
}
