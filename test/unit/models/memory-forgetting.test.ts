// The forgetting curve's loader (widgets/models/memory/forgetting.ts): a file shaped as
// models/memory/forgetting.py writes it passes; malformed ones fail naming the field; "remembers" compares the
// probe's interval with its control's, not the means. The shipped file, once there, passes too.
import { describe, expect, it } from 'vitest';
import { parseForgetting, remembers, type ForgettingRow } from '../../../widgets/models/memory/forgetting.ts';
import { hasArtifact, readForgetting } from '../../../widgets/models/artifacts.ts';

const DS = [0, 1, 2, 4, 8];
const row = (d: number, acc: number) => ({ d, accuracy: acc, ci: [acc - 0.01, acc + 0.01], control: 0.03, control_ci: [0.02, 0.04], majority: 0.06, train: 100, test: 90, ridge: 1 });
const model = (context: number | null) => ({ vector: 'h, c', width: 384, context, rows: DS.map((d) => row(d, 0.9 / (d + 1))) });

function file(): Record<string, any> {
  return { what: 'probe', classes: 100, every: 4, distances: DS, models: { lstm: model(null), 'lstm-untrained': model(null), transformer: model(128) } };
}

describe('parseForgetting', () => {
  it('accepts the file as the factory writes it', () => {
    const f = parseForgetting(file());
    expect(f.models.transformer.context).toBe(128);
    expect(f.models.lstm.context).toBeNull();
    expect(f.models['lstm-untrained'].rows.map((r) => r.d)).toEqual(DS);
  });

  it('rejects a missing model, a row at another distance and an accuracy outside [0, 1]', () => {
    const missing = file();
    delete missing.models['lstm-untrained'];
    expect(() => parseForgetting(missing)).toThrow(/models\.lstm-untrained must be an object/);
    const wrongD = file();
    wrongD.models.lstm.rows[2].d = 3;
    expect(() => parseForgetting(wrongD)).toThrow(/models\.lstm\.rows\[2\] d must be 2/);
    const share = file();
    share.models.transformer.rows[1].accuracy = 1.5;
    expect(() => parseForgetting(share)).toThrow(/rows\[1\]\.accuracy must be a share/);
  });

  it('rejects rows that do not match the distances, distances out of order, and an interval upside down', () => {
    const short = file();
    short.models.lstm.rows.pop();
    expect(() => parseForgetting(short)).toThrow(/models\.lstm\.rows must have 5 entries/);
    const order = file();
    order.distances = [0, 2, 1, 4, 8];
    expect(() => parseForgetting(order)).toThrow(/distances must be increasing/);
    const flipped = file();
    flipped.models.lstm.rows[0].control_ci = [0.05, 0.01];
    expect(() => parseForgetting(flipped)).toThrow(/rows\[0\]\.control_ci must be \[low, high\]/);
  });
});

describe('remembers', () => {
  const r = (lo: number, hi: number): ForgettingRow => ({ d: 1, accuracy: (lo + hi) / 2, ci: [lo, hi], control: 0.03, controlCi: [0.02, 0.04], majority: 0.06, test: 1 });
  it('is true only when the whole interval lies above the control interval', () => {
    expect(remembers(r(0.05, 0.08))).toBe(true);
    expect(remembers(r(0.035, 0.08))).toBe(false);
  });
});

describe.runIf(hasArtifact('memory-forgetting.json'))('the shipped memory-forgetting.json', () => {
  it('passes its loader, and every probe reads the current token (d = 0) far above its floor', () => {
    const f = readForgetting();
    for (const name of ['lstm', 'lstm-untrained', 'transformer'] as const) expect(remembers(f.models[name].rows[0]!)).toBe(true);
  });
});
