// The loader of the task-trained recall measurement (widgets/models/memory/task-recall.ts): a file shaped as
// models/memory/task_recall.py writes it passes; malformed ones fail naming the field; the shipped file, once
// there, has every task at every distance for both models of every run, and the transformer's window ends
// where its context does.
import { describe, expect, it } from 'vitest';
import { parseTaskRecall, taskRecallAt } from '../../../widgets/models/memory/task-recall.ts';
import { hasArtifact, readArtifactJson } from '../../../widgets/models/artifacts.ts';
import { DISTANCES, TASKS } from '../../../widgets/runtime/memory-tasks/index.ts';

const row = (task: string, distance: number, inContext = true) => ({
  task, distance, documents: 32, accuracy: 0.625, interval: [0.45, 0.77], paired_accuracy: 0.5, paired_interval: [0.33, 0.67], chance: 0.5, in_context: inContext,
});
const train = { steps: 650, tokens: 2662400, seconds: 1000, cpu_seconds: 250, stages: [], nice: 5 };
const file = (): Record<string, any> => ({
  seeds: 32,
  runs: [{
    seed: 1,
    models: {
      transformer: { context: 1024, params: 296704, train, rows: [row('recall', 1024), row('recall', 1536, false)] },
      lstm: { context: null, params: 296012, train: { steps: 650, tokens: 2662400, seconds: 500, stages: [], nice: 5 }, rows: [row('recall', 1536)] },
    },
  }],
});

describe('parseTaskRecall', () => {
  it('accepts the file as the factory writes it, and finds rows', () => {
    const f = parseTaskRecall(file());
    expect(taskRecallAt(f, 'transformer', 'recall', 1536)[0]?.inContext).toBe(false);
    expect(taskRecallAt(f, 'lstm', 'recall', 1536)[0]?.inContext).toBe(true);
    expect(f.runs[0]!.models.lstm.tokensPerSecond).toBeCloseTo(5324.8);
    expect(f.runs[0]!.models.transformer.tokensPerCpuSecond).toBeCloseTo(10649.6);
    expect(f.runs[0]!.models.lstm.cpuSeconds).toBeNull();
    expect(taskRecallAt(f, 'lstm', 'pronoun', 8)).toEqual([]);
  });

  it('rejects unequal sizes, a wrong in_context, a bad context, a bad row and no runs', () => {
    const big = file();
    big.runs[0].models.lstm.params = 400000;
    expect(() => parseTaskRecall(big)).toThrow(/within 3 % of each other's parameters/);
    const flag = file();
    flag.runs[0].models.transformer.rows[1].in_context = true;
    expect(() => parseTaskRecall(flag)).toThrow(/transformer\.rows\[1\]\.in_context must be false/);
    const ctx = file();
    ctx.runs[0].models.transformer.context = 0.5;
    expect(() => parseTaskRecall(ctx)).toThrow(/context must be a positive integer or null/);
    const paired = file();
    paired.runs[0].models.lstm.rows[0].paired_accuracy = 0.9;
    expect(() => parseTaskRecall(paired)).toThrow(/runs\[0\].*paired_accuracy cannot exceed the accuracy/);
    const cpu = file();
    cpu.runs[0].models.transformer.train.cpu_seconds = -1;
    expect(() => parseTaskRecall(cpu)).toThrow(/train\.cpu_seconds must be positive/);
    const none = file();
    none.runs = [];
    expect(() => parseTaskRecall(none)).toThrow(/runs must not be empty/);
  });
});

describe.runIf(hasArtifact('memory-task-recall.json'))('the shipped memory-task-recall.json', () => {
  it('passes its loader: every task at every distance, both models, equal sizes, the window where the context ends', () => {
    const f = parseTaskRecall(readArtifactJson('memory-task-recall.json'));
    for (const run of f.runs) {
      for (const m of ['transformer', 'lstm'] as const) {
        expect(run.models[m].rows.length).toBe(TASKS.length * DISTANCES.length);
        // every cell scores the same test documents (the first N seeds, N ≤ the task set's seeds)
        expect(new Set(run.models[m].rows.map((r) => r.documents)).size).toBe(1);
        expect(run.models[m].rows[0]!.documents).toBeLessThanOrEqual(f.seeds);
      }
      expect(run.models.transformer.context).toBeGreaterThanOrEqual(1024);
      expect(run.models.lstm.context).toBeNull();
      const outside = run.models.transformer.rows.filter((r) => !r.inContext).map((r) => r.distance);
      expect(new Set(outside)).toEqual(new Set(DISTANCES.filter((d) => d > run.models.transformer.context!)));
    }
  });
});
