import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_RAW_LENGTH,
  boolField,
  decodeState,
  defaultState,
  encodeState,
  enumField,
  intField,
  mergeIntoSearch,
  paramKey,
  type StateOf,
} from '../../../widgets/runtime/url-state.ts';

const schema = {
  layer: intField({ min: 0, max: 11, default: 3 }),
  head: intField({ min: -4, max: 4, default: 0 }),
  mode: enumField(['attention', 'logits', 'probes'] as const, 'attention'),
  causal: boolField(true),
};
type S = StateOf<typeof schema>;

const validState: fc.Arbitrary<S> = fc.record({
  layer: fc.integer({ min: 0, max: 11 }),
  head: fc.integer({ min: -4, max: 4 }),
  mode: fc.constantFrom('attention' as const, 'logits' as const, 'probes' as const),
  causal: fc.boolean(),
});

function isValid(state: S): boolean {
  return (
    Number.isInteger(state.layer) && state.layer >= 0 && state.layer <= 11 &&
    Number.isInteger(state.head) && state.head >= -4 && state.head <= 4 &&
    ['attention', 'logits', 'probes'].includes(state.mode) &&
    typeof state.causal === 'boolean' &&
    Object.keys(state).sort().join() === 'causal,head,layer,mode'
  );
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const hexDigit = fc.constantFrom(...'0123456789abcdefABCDEF');
const percentEscape = fc.tuple(hexDigit, hexDigit).map(([a, b]) => `%${a}${b}`);
const percentJunk = fc
  .array(
    fc.oneof(percentEscape, hexDigit, fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%00', '%C3', '%FF%FE', '%25', '+', '&', '=', '.')),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));
const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.oneof(loneSurrogate, fc.constantFrom('a', '=', '&', '.', '%')) }),
  percentJunk,
);

const NAMESPACES = ['', 'fig', 'attention-explorer', 'a.b'];

describe('field builders', () => {
  it('intField accepts only plain integers in range', () => {
    const f = intField({ min: 1, max: 10, default: 5 });
    expect(f.decode('7')).toBe(7);
    for (const bad of ['0', '11', '7.0', '1e1', '0x7', ' 7', '7 ', '', 'NaN', 'Infinity', '-0x1', '９']) {
      expect(f.decode(bad), bad).toBeUndefined();
    }
  });

  it('enumField and boolField reject anything unlisted', () => {
    expect(schema.mode.decode('logits')).toBe('logits');
    expect(schema.mode.decode('Logits')).toBeUndefined();
    expect(schema.mode.decode('__proto__')).toBeUndefined();
    expect(schema.causal.decode('0')).toBe(false);
    expect(schema.causal.decode('true')).toBe(true);
    expect(schema.causal.decode('yes')).toBeUndefined();
  });
});

describe('decodeState', () => {
  it('round-trips any valid state through encode → decode', () => {
    fc.assert(
      fc.property(validState, fc.constantFrom(...NAMESPACES), (state, ns) => {
        const search = new URLSearchParams(encodeState(schema, state, ns)).toString();
        expect(decodeState(schema, search, ns)).toEqual(state);
        expect(decodeState(schema, `?${search}`, ns)).toEqual(state);
      }),
    );
  });

  it('decodes any string to a valid state without throwing', () => {
    fc.assert(
      fc.property(anyString, fc.constantFrom(...NAMESPACES), (junk, ns) => {
        expect(isValid(decodeState(schema, junk, ns))).toBe(true);
        for (const name of Object.keys(schema)) {
          const params = new URLSearchParams();
          params.set(paramKey(ns, name), junk);
          expect(isValid(decodeState(schema, params, ns))).toBe(true);
          expect(isValid(decodeState(schema, `${paramKey(ns, name)}=${junk}`, ns))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('falls back to defaults on hostile input', () => {
    const defaults = defaultState(schema);
    const hostile = [
      '%E0%A4%A',
      '%',
      'layer=%',
      'layer=%E0%A4%A&mode=%ZZ',
      `layer=${'9'.repeat(1_000_000)}`,
      `mode=${'a'.repeat(MAX_RAW_LENGTH + 1)}`,
      'mode=<script>alert(1)</script>',
      'layer=<script>1',
      'layer=\uD800',
      'layer=-1&head=99&mode=&causal=2',
      'layer=NaN&head=Infinity',
      'layer=1e1&head=0x1',
      '__proto__=1&constructor=2',
    ];
    for (const search of hostile) expect(decodeState(schema, search, ''), search).toEqual(defaults);
    // Not even wrong types at runtime make it throw.
    expect(decodeState(schema, undefined as unknown as string, '')).toEqual(defaults);
    expect(decodeState(schema, 42 as unknown as string, 'x')).toEqual(defaults);
  });

  it('keeps each valid field even when its neighbours are invalid', () => {
    expect(decodeState(schema, 'fig.layer=7&fig.head=oops&fig.mode=probes', 'fig')).toEqual({
      ...defaultState(schema),
      layer: 7,
      mode: 'probes',
    });
  });
});

describe('encodeState', () => {
  it('omits fields at their default', () => {
    expect(encodeState(schema, defaultState(schema), 'fig')).toEqual([]);
    fc.assert(
      fc.property(validState, (state) => {
        const keys = encodeState(schema, state, 'fig').map(([key]) => key);
        for (const name of Object.keys(schema) as (keyof S)[]) {
          expect(keys.includes(`fig.${name}`)).toBe(state[name] !== schema[name].default);
        }
      }),
    );
  });

  it('leaves out values it could not read back', () => {
    const state = { ...defaultState(schema), layer: 99, head: 1.5 };
    expect(encodeState(schema, state, '')).toEqual([]);
  });
});

describe('mergeIntoSearch and namespaces', () => {
  it('writes plain keys without a namespace and prefixed keys with one', () => {
    const state = { ...defaultState(schema), layer: 7 };
    expect(mergeIntoSearch('', schema, state, '')).toBe('?layer=7');
    expect(mergeIntoSearch('', schema, state, 'fig')).toBe('?fig.layer=7');
    expect(mergeIntoSearch('?fig.layer=7', schema, defaultState(schema), 'fig')).toBe('');
  });

  it("never disturbs other figures' or unrelated parameters", () => {
    fc.assert(
      fc.property(validState, validState, validState, (a, b, a2) => {
        let search = mergeIntoSearch('?utm_source=x&q=a%26b', schema, a, 'one');
        search = mergeIntoSearch(search, schema, b, 'two');
        search = mergeIntoSearch(search, schema, a2, 'one');
        expect(decodeState(schema, search, 'one')).toEqual(a2);
        expect(decodeState(schema, search, 'two')).toEqual(b);
        const params = new URLSearchParams(search);
        expect(params.get('utm_source')).toBe('x');
        expect(params.get('q')).toBe('a&b');
      }),
    );
  });

  it("replaces stale keys of its own namespace but not a nested figure's", () => {
    const search = '?fig.old=1&fig.sub.layer=2&layer=5&fig.layer=4';
    const merged = new URLSearchParams(mergeIntoSearch(search, schema, defaultState(schema), 'fig'));
    expect([...merged.keys()]).toEqual(['fig.sub.layer', 'layer']);
  });

  it('with the empty namespace removes only schema keys', () => {
    const merged = mergeIntoSearch('?other=1&layer=2&fig.layer=3', schema, defaultState(schema), '');
    expect(merged).toBe('?other=1&fig.layer=3');
  });

  it('survives broken current search strings', () => {
    fc.assert(
      fc.property(anyString, validState, (junk, state) => {
        const merged = mergeIntoSearch(junk, schema, state, 'fig');
        expect(decodeState(schema, merged, 'fig')).toEqual(state);
      }),
    );
  });
});
