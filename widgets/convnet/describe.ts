/** The convnet explorer's words: the prediction, the canvas, a block's strongest channels. Pure. */
import type { ChannelStats } from './feature-maps.ts';
import { CLASSES } from './state.ts';

const percent = (p: number) => (p >= 0.995 ? '100%' : p < 0.005 ? '<1%' : `${Math.round(p * 100)}%`);

export interface Ranked {
  label: string;
  index: number;
  p: number;
}

export function rankClasses(probs: Float32Array): Ranked[] {
  return CLASSES.map((label, index) => ({ label, index, p: probs[index] ?? 0 })).sort((a, b) => b.p - a.p || a.index - b.index);
}

/** "car (87%), then boat (6%) and house (3%)". */
export function predictionSummary(probs: Float32Array): string {
  const [first, second, third] = rankClasses(probs);
  return `${first!.label} (${percent(first!.p)}), then ${second!.label} (${percent(second!.p)}) and ${third!.label} (${percent(third!.p)})`;
}

/** How much of the canvas is inked, and what that means for the reader. */
export function inkSummary(ink: Float32Array): { share: number; text: string } {
  let sum = 0;
  for (const v of ink) sum += v;
  const share = sum / ink.length;
  if (share === 0) return { share, text: 'The canvas is blank. The model must still pick one of its ten classes, so its answer means little.' };
  if (share > 0.6) return { share, text: 'Most of the canvas is ink. The model only ever saw line drawings, so its answer means little.' };
  return { share, text: '' };
}

/** "Strongest channels: 12 (mean 0.41), 3 (0.38), 40 (0.22)". */
export function channelSummary(top: readonly ChannelStats[]): string {
  if (top.length === 0 || top[0]!.max <= 0) return 'No channel of this block responds to this drawing.';
  return `Strongest channels: ${top.map((c, i) => `${c.channel}${i === 0 ? ` (mean ${c.mean.toFixed(2)})` : ` (${c.mean.toFixed(2)})`}`).join(', ')}.`;
}
