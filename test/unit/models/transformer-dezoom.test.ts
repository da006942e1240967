// The reader of public/models/transformer-dezoom.json (widgets/models/transformer/dezoom.ts): the shipped file
// parses with its shapes consistent, and a malformed one fails naming the file and the field.
import { describe, expect, it } from 'vitest';
import { readArtifactJson, readTransformerDezoom } from '../../../widgets/models/artifacts.ts';
import { parseTransformerDezoom, tie } from '../../../widgets/models/transformer/dezoom.ts';

const raw = () => structuredClone(readArtifactJson('transformer-dezoom.json')) as any;

describe('transformer-dezoom.json', () => {
  it('parses, one value per layer 0…L and per kept-token count', () => {
    const dz = readTransformerDezoom();
    expect(dz.layers).toBe(4);
    expect(dz.cutKs).toEqual([1, 2, 4, 8, 16, 32, 64]);
    for (const c of [dz.cut, dz.replaced]) {
      expect(c.change).toHaveLength(dz.layers + 1);
      expect(c.change[0]!.every((x) => x === 0)).toBe(true); // the embeddings see no context
    }
    for (const s of dz.seeds) for (const ci of [...s.genre.ci, ...s.sentpos.ci]) expect(ci[0]).toBeLessThanOrEqual(ci[1]);
  });

  it('rejects a missing field, a wrong length and an inverted interval, naming the path', () => {
    const a = raw();
    delete a.seeds[0].genre.bag_of_embeddings;
    expect(() => parseTransformerDezoom(a)).toThrow(/transformer-dezoom.json: seeds\[0\]\.genre\.bag_of_embeddings/);
    const b = raw();
    b.seeds[1].sentpos.acc.pop();
    expect(() => parseTransformerDezoom(b)).toThrow(/seeds\[1\]\.sentpos\.acc must have 5 entries/);
    const c = raw();
    c.effective_context.replaced.change_ci[2][3] = [0.5, 0.1];
    expect(() => parseTransformerDezoom(c)).toThrow(/effective_context\.replaced\.change_ci\[2\]\[3\] must be \[low, high\]/);
  });

  it('calls an interval holding zero a tie', () => {
    expect(tie([-0.1, 0.01])).toBe(true);
    expect(tie([0.01, 0.1])).toBe(false);
    expect(tie([-0.2, -0.01])).toBe(false);
  });
});
