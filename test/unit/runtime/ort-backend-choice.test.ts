import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_CHOICE,
  STORAGE_VERSION,
  needsWebGPUBuild,
  cannotBeat,
  chooseBackend,
  fasterBackend,
  median,
  parseStoredChoice,
  serializeStoredChoice,
  type Measurements,
  type StoredChoice,
} from '../../../widgets/runtime/ort/backend-choice.ts';

const measured = (backend: 'wasm' | 'webgpu', wasm: number | null, webgpu: number | null): StoredChoice['measured'] => ({
  backend,
  ms: { wasm, webgpu },
});

describe('parseStoredChoice', () => {
  it('round-trips what serializeStoredChoice writes', () => {
    const choices: StoredChoice[] = [
      EMPTY_CHOICE,
      { preference: 'webgpu', measured: null },
      { preference: 'auto', measured: measured('wasm', 0.41, 10.2) },
      { preference: 'wasm', measured: measured('webgpu', 12, 3) },
      { preference: 'auto', measured: measured('wasm', 0.5, null) },
    ];
    for (const choice of choices) expect(parseStoredChoice(serializeStoredChoice(choice))).toEqual(choice);
  });

  it('ignores junk, old formats and other versions without throwing', () => {
    const junk: unknown[] = [
      null,
      undefined,
      '',
      'webgpu', // an old plain-string format
      '"webgpu"',
      '{',
      'null',
      '[]',
      '42',
      JSON.stringify({ preference: 'webgpu' }), // no version
      JSON.stringify({ v: STORAGE_VERSION + 1, preference: 'webgpu' }),
      JSON.stringify({ v: '1', preference: 'webgpu' }),
      'x'.repeat(5000),
      12,
      {},
    ];
    for (const raw of junk) expect(parseStoredChoice(raw)).toEqual(EMPTY_CHOICE);
  });

  it('keeps valid fields when another is invalid', () => {
    expect(parseStoredChoice(JSON.stringify({ v: 1, preference: 'cuda', measured: measured('wasm', 1, 2) }))).toEqual({
      preference: 'auto',
      measured: measured('wasm', 1, 2),
    });
    expect(parseStoredChoice(JSON.stringify({ v: 1, preference: 'wasm', measured: { backend: 'tpu', ms: {} } }))).toEqual({
      preference: 'wasm',
      measured: null,
    });
  });

  it('rejects tampered measurements', () => {
    const bad = [
      { backend: 'webgpu', ms: { wasm: 1, webgpu: null } }, // the winner never ran
      { backend: 'wasm', ms: { wasm: -1, webgpu: 2 } },
      { backend: 'wasm', ms: { wasm: '1', webgpu: 2 } },
      { backend: 'wasm', ms: { wasm: 1 } },
      { backend: 'wasm', ms: { wasm: 1e12, webgpu: 2 } },
      { backend: 'wasm' },
    ];
    for (const m of bad) expect(parseStoredChoice(JSON.stringify({ v: 1, preference: 'auto', measured: m })).measured).toBeNull();
  });

  it('never throws on any string (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ v: 1, ...((v as object) ?? {}) }))), (raw) => {
        const choice = parseStoredChoice(raw);
        expect(['auto', 'wasm', 'webgpu']).toContain(choice.preference);
      }),
    );
  });
});

describe('chooseBackend', () => {
  it('without WebGPU always runs wasm, whatever was chosen or remembered', () => {
    for (const preference of ['auto', 'wasm', 'webgpu'] as const) {
      for (const stored of [null, measured('webgpu', 9, 1), measured('wasm', 1, 9)]) {
        expect(chooseBackend({ hasWebGPU: false, preference, stored })).toEqual({ kind: 'use', backend: 'wasm', why: 'no-webgpu' });
      }
    }
  });

  it('honours the reader override when WebGPU exists', () => {
    expect(chooseBackend({ hasWebGPU: true, preference: 'webgpu', stored: measured('wasm', 1, 9) })).toEqual({
      kind: 'use',
      backend: 'webgpu',
      why: 'override',
    });
    expect(chooseBackend({ hasWebGPU: true, preference: 'wasm', stored: measured('webgpu', 9, 1) })).toMatchObject({ backend: 'wasm' });
  });

  it('uses the remembered winner on Auto, and measures when there is none', () => {
    expect(chooseBackend({ hasWebGPU: true, preference: 'auto', stored: measured('webgpu', 9, 1) })).toEqual({
      kind: 'use',
      backend: 'webgpu',
      why: 'remembered',
    });
    expect(chooseBackend({ hasWebGPU: true, preference: 'auto', stored: null })).toEqual({ kind: 'measure' });
  });

  it('prefers a measurement made on this page over the remembered one', () => {
    expect(
      chooseBackend({ hasWebGPU: true, preference: 'auto', stored: measured('webgpu', 9, 1), measurements: { wasm: 0.1, webgpu: 10 } }),
    ).toEqual({ kind: 'use', backend: 'wasm', why: 'measured' });
  });
});

describe('fasterBackend and median', () => {
  it('picks the lower median; ties and a WebGPU that failed go to wasm', () => {
    const cases: Array<[Measurements, string | null]> = [
      [{ wasm: 0.1, webgpu: 10 }, 'wasm'],
      [{ wasm: 10, webgpu: 2 }, 'webgpu'],
      [{ wasm: 3, webgpu: 3 }, 'wasm'],
      [{ wasm: 3, webgpu: null }, 'wasm'],
      [{ wasm: null, webgpu: 3 }, 'webgpu'],
      [{ wasm: null, webgpu: null }, null],
    ];
    for (const [ms, want] of cases) expect(fasterBackend(ms)).toBe(want);
  });

  it('median is robust to one slow outlier run', () => {
    expect(median([1, 1.2, 0.9, 50, 1.1])).toBe(1.1);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('fetches the WebGPU build only when the decision may run WebGPU', () => {
    const stored = { backend: 'wasm' as const, ms: { wasm: 1, webgpu: 9 } };
    const gpuWon = { backend: 'webgpu' as const, ms: { wasm: 9, webgpu: 1 } };
    const wants = (input: Parameters<typeof chooseBackend>[0]) => needsWebGPUBuild(chooseBackend(input));
    expect(wants({ hasWebGPU: false, preference: 'webgpu', stored: gpuWon })).toBe(false);
    expect(wants({ hasWebGPU: true, preference: 'wasm', stored: null })).toBe(false);
    expect(wants({ hasWebGPU: true, preference: 'auto', stored })).toBe(false); // wasm won here before
    expect(wants({ hasWebGPU: true, preference: 'auto', stored: gpuWon })).toBe(true);
    expect(wants({ hasWebGPU: true, preference: 'auto', stored: null })).toBe(true); // to time both
    expect(wants({ hasWebGPU: true, preference: 'webgpu', stored })).toBe(true);
  });
});

describe('cannotBeat', () => {
  it('stops timing once the median is certain to lose (ties lose too)', () => {
    expect(cannotBeat([500, 520], 20, 5)).toBe(false);
    expect(cannotBeat([500, 520, 530], 20, 5)).toBe(true);
    expect(cannotBeat([20, 20, 20], 20, 5)).toBe(true);
    expect(cannotBeat([1, 2, 500, 520], 20, 5)).toBe(false);
    expect(cannotBeat([500, 520, 530], null, 5)).toBe(false);
    expect(cannotBeat([30, 30, 30], 20, 6)).toBe(false);
    expect(cannotBeat([30, 30, 30, 30], 20, 6)).toBe(true);
  });
  it('property: when it says stop, the full median could not have won', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 5, maxLength: 5 }), fc.double({ min: 0, max: 100, noNaN: true }), (runs, beat) => {
        for (let k = 1; k <= runs.length; k++) {
          if (cannotBeat(runs.slice(0, k), beat, runs.length)) expect(median(runs)).toBeGreaterThanOrEqual(beat);
        }
      }),
    );
  });
});
