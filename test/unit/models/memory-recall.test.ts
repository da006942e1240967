// The recall measurement's loader (widgets/models/memory/recall.ts): a file shaped as models/memory/recall.py
// writes it passes; malformed ones fail naming the field. The shipped file, once there, passes too.
import { describe, expect, it } from 'vitest';
import { parseRecall, recallAt } from '../../../widgets/models/memory/recall.ts';
import { hasArtifact, readRecall } from '../../../widgets/models/artifacts.ts';

const row = (task: string, distance: number) => ({
  task, distance, documents: 32, accuracy: 0.625, interval: [0.45, 0.77], paired_accuracy: 0, paired_interval: [0, 0.11], chance: 0.5,
});
const file = (): Record<string, any> => ({
  what: 'recall', seeds: 32,
  models: {
    transformer: { source: 'x', context: 128, params: 339328, rows: [row('pronoun', 8), row('recall', 8), row('import', 8)] },
    lstm: { source: 'y', step: 400, params: 345792, rows: [row('pronoun', 8), row('recall', 1024)] },
  },
});

describe('parseRecall', () => {
  it('accepts the file as the factory writes it, and finds a row', () => {
    const f = parseRecall(file());
    expect(recallAt(f, 'lstm', 'recall', 1024)?.accuracy).toBe(0.625);
    expect(recallAt(f, 'lstm', 'import', 8)).toBeUndefined();
  });

  it('rejects an unknown task, a share outside [0, 1], a paired accuracy above the accuracy and a missing model', () => {
    const task = file();
    task.models.lstm.rows[0].task = 'cat';
    expect(() => parseRecall(task)).toThrow(/models\.lstm\.rows\[0\]\.task must be one of pronoun, recall, import/);
    const acc = file();
    acc.models.transformer.rows[1].accuracy = 2;
    expect(() => parseRecall(acc)).toThrow(/rows\[1\]\.accuracy must be a share/);
    const paired = file();
    paired.models.transformer.rows[0].paired_accuracy = 0.9;
    expect(() => parseRecall(paired)).toThrow(/paired_accuracy cannot exceed the accuracy/);
    const missing = file();
    delete missing.models.transformer;
    expect(() => parseRecall(missing)).toThrow(/models\.transformer must be an object/);
    const upside = file();
    upside.models.lstm.rows[1].interval = [0.8, 0.2];
    expect(() => parseRecall(upside)).toThrow(/interval must be \[low, high\]/);
  });
});

describe.runIf(hasArtifact('memory-recall.json'))('the shipped memory-recall.json', () => {
  it('passes its loader, every task at every distance for both models', () => {
    const f = readRecall();
    for (const m of ['transformer', 'lstm'] as const) expect(new Set(f.models[m].rows.map((r) => r.task)).size).toBe(3);
  });
});
