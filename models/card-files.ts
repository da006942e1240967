// What every model-card writer (models/card.ts, models/lstm/card.ts, models/convnet/card.ts) reads its card
// from: JSON files of the build, the shipped files' sizes, and the factory's step timings.
import { existsSync, readFileSync, statSync } from 'node:fs';

export const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
/** A shipped file's size in bytes; null where it is not built yet. */
export const bytes = (path: string) => (existsSync(path) ? statSync(path).size : null);
export const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The seconds of each step of `npm run models` (models/run.ts writes them); none before its first run. */
export function stepTimings(): { step: string; seconds: number }[] {
  return existsSync('models/build/timings.json') ? read('models/build/timings.json') : [];
}

/** The fields of a language model's card that its training log gives the same way (models/card.ts, models/lstm/card.ts). */
export function trainingRun(log: { seed: number; steps: number; tokens_seen: number; epochs: number; train_seconds: number; seconds_per_step: number }) {
  return {
    seed: log.seed,
    steps: log.steps,
    tokens_seen: log.tokens_seen,
    epochs: round(log.epochs, 2),
    seconds: Math.round(log.train_seconds),
    seconds_per_step: round(log.seconds_per_step, 3),
  };
}
