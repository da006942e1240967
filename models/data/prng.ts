// The split's seeded shuffle: Fisher–Yates on mulberry32, the one PRNG of the project
// (widgets/runtime/mulberry32.ts, shared with the splat scenes and the convnet drawings). The same seed
// gives the same sequence on every machine, which is all the split needs.
import { mulberry32 } from '../../widgets/runtime/mulberry32.ts';

export { mulberry32 };

/** Returns a shuffled copy of `items`. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
