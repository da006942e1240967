// The attention-to-the-antecedent loader (widgets/models/memory/attention.ts): a file shaped as
// models/memory/attention.py writes it passes; malformed ones fail naming the field; findsAntecedent compares
// intervals. The shipped file, once there, passes too.
import { describe, expect, it } from 'vitest';
import { findsAntecedent, parseAttention } from '../../../widgets/models/memory/attention.ts';
import { hasArtifact, readAttention } from '../../../widgets/models/artifacts.ts';

const s = (mean: number) => ({ mean, ci: [mean - 0.01, mean + 0.01] });
const row = (task: string, distance: number) => ({
  task, distance, documents: 32, uniform: s(0.1), best_head: [s(0.2), s(0.1), s(0.05), s(0.3)], head_mean: [s(0.1), s(0.1), s(0.1), s(0.1)],
});
const file = (): Record<string, any> => ({ what: 'attention', context: 128, layers: 4, heads: 4, chosen_heads: [3, 2, 0, 3], rows: [row('pronoun', 8), row('recall', 128)] });

describe('parseAttention', () => {
  it('accepts the file as the factory writes it', () => {
    const a = parseAttention(file());
    expect(a.rows[1]!.bestHead).toHaveLength(4);
    expect(findsAntecedent(a.rows[0]!, 0)).toBe(true);
    expect(findsAntecedent(a.rows[0]!, 1)).toBe(false);
  });

  it('rejects a distance beyond the context, a wrong layer count, a share above 1 and an unknown task', () => {
    const far = file();
    far.rows[0].distance = 256;
    expect(() => parseAttention(far)).toThrow(/rows\[0\]\.distance must be ≤ the context 128/);
    const layers = file();
    layers.rows[1].head_mean.pop();
    expect(() => parseAttention(layers)).toThrow(/rows\[1\]\.head_mean must have 4 entries/);
    const big = file();
    big.rows[0].uniform.mean = 1.2;
    expect(() => parseAttention(big)).toThrow(/rows\[0\]\.uniform\.mean must be a share/);
    const task = file();
    task.rows[0].task = 'dog';
    expect(() => parseAttention(task)).toThrow(/task must be one of/);
    expect(() => parseAttention({ ...file(), rows: [] })).toThrow(/rows must not be empty/);
  });
});

describe.runIf(hasArtifact('memory-attention.json'))('the shipped memory-attention.json', () => {
  it('passes its loader, every task measured inside the window', () => {
    const a = readAttention();
    expect(new Set(a.rows.map((r) => r.task)).size).toBe(3);
    for (const r of a.rows) expect(r.distance).toBeLessThanOrEqual(a.context);
  });
});
