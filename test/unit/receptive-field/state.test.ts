import fc from 'fast-check';
import { anyLayer } from './layer-arbitraries.ts';
import { describe, expect, it } from 'vitest';
import { decodeState, defaultState, encodeState, mergeIntoSearch } from '../../../widgets/runtime/url-state.ts';
import { PRESETS, PRESET_NAMES } from '../../../widgets/receptive-field/presets.ts';
import { LIMITS, type Layer } from '../../../widgets/receptive-field/receptive-field.ts';
import {
  applyPreset,
  decodeLayers,
  encodeLayers,
  matchingPreset,
  normalizeState,
  receptiveFieldSchema,
  type ReceptiveFieldState,
} from '../../../widgets/receptive-field/state.ts';
import { editParam } from '../../../widgets/receptive-field/layer-edit.ts';

const schema = receptiveFieldSchema();
const NS = 'receptive-field';

const layer = anyLayer;
const state: fc.Arbitrary<ReceptiveFieldState> = fc.record({
  layers: fc.array(layer, { minLength: 1, maxLength: LIMITS.layers.max }),
  n: fc.integer(LIMITS.seqLen),
  out: fc.integer({ min: 0, max: LIMITS.seqLen.max - 1 }),
  causal: fc.boolean(),
  log: fc.boolean(),
});

function isValid(s: ReceptiveFieldState): boolean {
  return decodeLayers(encodeLayers(s.layers)) !== undefined && s.n >= 16 && s.n <= 128 && s.out >= 0 && s.out < 128;
}

describe('layer syntax', () => {
  it('reads the documented example', () => {
    expect(decodeLayers('c3.1.1_c3.2.1_a8_g')).toEqual([
      { kind: 'conv', kernel: 3, stride: 1, dilation: 1 },
      { kind: 'conv', kernel: 3, stride: 2, dilation: 1 },
      { kind: 'local-attention', window: 8 },
      { kind: 'global-attention' },
    ]);
  });

  it('round-trips every preset and any valid stack', () => {
    for (const name of PRESET_NAMES) expect(decodeLayers(encodeLayers(PRESETS[name].layers))).toEqual(PRESETS[name].layers);
    fc.assert(fc.property(fc.array(layer, { minLength: 1, maxLength: 12 }), (layers) => {
      expect(decodeLayers(encodeLayers(layers))).toEqual(layers);
    }));
  });

  it('rejects hostile or out-of-range stacks as a whole', () => {
    const hostile = [
      '', '_', '_____', 'c3.1.1_', '_c3.1.1', 'c3.1.1__g', 'c999.0.0', 'c0.1.1', 'c16.1.1', 'c3.5.1', 'c3.1.17',
      'c3.1', 'c3', 'c3.1.1.1', 'a1', 'a65', 'a', 'gg', 'G', 'C3.1.1', 'c-3.1.1', 'cNaN.1.1', 'c3.1.1 ', ' g',
      'c3.1.1;g', '<script>alert(1)</script>', 'g_'.repeat(13) + 'g', Array(10_000).fill('g').join('_'),
      'c3.1.1_'.repeat(12) + 'c3.1.1', 'a8\u0000', 'c３.1.1',
    ];
    for (const raw of hostile) expect(decodeLayers(raw), raw).toBeUndefined();
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (raw) => {
      const decoded = decodeLayers(raw);
      if (decoded) expect(encodeLayers(decoded)).toBe(raw.replace(/(?<=[ac._])0+(?=\d)/g, ''));
    }));
  });
});

describe('widget URL state', () => {
  it('round-trips any valid state, for every preset schema and namespace', () => {
    fc.assert(
      fc.property(state, fc.constantFrom(...PRESET_NAMES), fc.constantFrom('', NS), (s, preset, ns) => {
        const sch = receptiveFieldSchema(preset);
        const search = mergeIntoSearch('?other=1', sch, s, ns);
        expect(decodeState(sch, search, ns)).toEqual(s);
      }),
    );
  });

  it('puts nothing in the URL for the default state', () => {
    for (const name of PRESET_NAMES) {
      const sch = receptiveFieldSchema(name);
      expect(encodeState(sch, defaultState(sch), NS)).toEqual([]);
    }
  });

  it('uses the documented parameter names', () => {
    const s = { ...defaultState(schema), layers: PRESETS.dilated.layers, n: 96, out: 40, causal: true, log: true };
    expect(mergeIntoSearch('', schema, s, NS)).toBe(
      '?receptive-field.layers=c2.1.1_c2.1.2_c2.1.4_c2.1.8_c2.1.16&receptive-field.n=96&receptive-field.out=40' +
        '&receptive-field.causal=1&receptive-field.log=1',
    );
  });

  it('falls back to defaults on hostile input', () => {
    const defaults = defaultState(schema);
    for (const value of [
      '<script>alert(1)</script>', 'c999.0.0', '_____', Array(10_000).fill('c3.1.1').join('_'), 'NaN', '-1', '',
      '%E0%A4%A', '1e2', '99999999999999999999', 'x'.repeat(1_000_000),
    ]) {
      const params = new URLSearchParams();
      for (const key of ['layers', 'n', 'out', 'causal', 'log']) params.set(`${NS}.${key}`, value);
      expect(decodeState(schema, params, NS), value.slice(0, 40)).toEqual(defaults);
    }
    expect(decodeState(schema, `?${NS}.n=%&${NS}.layers=%E0%A4%A`, NS)).toEqual(defaults);
  });

  it('decodes any query string to a state the widget can draw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), (a, b) => {
        const s = decodeState(schema, `${NS}.layers=${a}&${NS}.out=${b}&${a}=${b}`, NS);
        expect(isValid(s)).toBe(true);
      }),
    );
  });
});

describe('presets and normalisation', () => {
  it('recognises the preset a stack matches', () => {
    expect(matchingPreset(defaultState(schema))).toBe('vgg');
    for (const name of PRESET_NAMES) expect(matchingPreset(applyPreset(defaultState(schema), name))).toBe(name);
    expect(matchingPreset({ layers: PRESETS.dilated.layers, causal: false })).toBeNull();
  });

  it('centres the output on the top layer of each preset', () => {
    expect(receptiveFieldSchema('strided').out.default).toBe(4);
    expect(applyPreset({ ...defaultState(schema), n: 128 }, 'vgg').out).toBe(64);
  });

  it('clamps the output into the top layer', () => {
    fc.assert(fc.property(state, (s) => {
      const norm = normalizeState(s);
      expect(norm.out).toBeGreaterThanOrEqual(0);
      let top = s.n;
      for (const l of s.layers) top = Math.ceil(top / (l.kind === 'conv' ? l.stride : 1));
      expect(norm.out).toBeLessThan(top);
    }));
  });
});

describe('editing a parameter from form input', () => {
  const conv: Layer = { kind: 'conv', kernel: 3, stride: 1, dilation: 1 };
  it('applies in-range values while typing and ignores the rest until commit', () => {
    expect(editParam(conv, 'kernel', '5', true)?.layer).toEqual({ ...conv, kernel: 5 });
    expect(editParam(conv, 'kernel', '20', true)).toBeNull();
    expect(editParam(conv, 'kernel', '', true)).toBeNull();
    expect(editParam(conv, 'window', '4', true)).toBeNull();
  });

  it('clamps on commit and says so', () => {
    const edit = editParam(conv, 'kernel', '99', false)!;
    expect(edit.layer).toEqual({ ...conv, kernel: 15 });
    expect(edit.message).toMatch(/from 1 to 15; using 15/);
    expect(editParam(conv, 'stride', 'abc', false)).toMatchObject({ layer: conv, value: 1 });
    expect(editParam(conv, 'dilation', '2.6', false)?.value).toBe(3);
  });
});
