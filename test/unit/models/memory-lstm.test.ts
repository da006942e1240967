// The memory measurements are of the shipped LSTM: each file that scores it records the checkpoint's step, and
// that step is the one the LSTM's card reports (a retrained LSTM without rerun measurements fails here).
import { describe, expect, it } from 'vitest';
import { hasArtifact, readArtifactJson } from '../../../widgets/models/artifacts.ts';
import { parseLstmCard } from '../../../widgets/models/lstm/card.ts';

const FILES = ['memory-recall.json', 'memory-context.json', 'memory-forgetting.json'];

describe.runIf(hasArtifact('lstm.json'))('the memory measurements and the shipped LSTM', () => {
  const raw = readArtifactJson('lstm.json');
  parseLstmCard(raw); // a valid card; its training record is written for readers, so read it from the JSON
  const steps = (raw as { training?: { steps?: unknown } }).training?.steps;
  for (const file of FILES) {
    it(`${file} measured the LSTM at the card's training step`, () => {
      expect(hasArtifact(file), file).toBe(true);
      const lstm = (readArtifactJson(file) as { models: { lstm: { step?: unknown } } }).models.lstm;
      expect(typeof steps).toBe('number');
      expect(lstm.step).toBe(steps);
    });
  }
});
