/**
 * The shape of public/models/tokenizer.json and its validation. The file is compact: merges only,
 * as id pairs in rank order; every token's bytes follow from them (merge r makes id 256 + r).
 */

export interface TokenizerJSON {
  type: 'byte-bpe';
  vocab_size: number;
  /** Always vocab_size − 1 (models/README.md). */
  eot_id: number;
  /** Pre-tokenisation regex as "/source/flags" (pretokenize.ts). */
  pretokenizer: string;
  merges: [number, number][];
}

/** Checks every invariant the encoder relies on, so a bad file fails loudly at load, not mid-encode. */
export function parseTokenizerJSON(json: unknown): TokenizerJSON {
  const fail = (why: string): never => {
    throw new Error(`tokenizer.json: ${why}`);
  };
  if (typeof json !== 'object' || json === null) return fail('not an object');
  const j = json as Record<string, unknown>;
  if (j.type !== 'byte-bpe') fail(`type must be "byte-bpe", got ${String(j.type)}`);
  const merges = j.merges;
  if (!Array.isArray(merges)) return fail('merges must be an array');
  const v = j.vocab_size;
  if (v !== 256 + merges.length + 1) fail(`vocab_size ${String(v)} must be 256 + merges (${merges.length}) + 1`);
  // Ids are stored as uint16 in the token streams.
  if ((v as number) > 65536) fail('vocab_size must fit in uint16');
  if (j.eot_id !== (v as number) - 1) fail(`eot_id must be vocab_size − 1`);
  if (typeof j.pretokenizer !== 'string') fail('pretokenizer must be a string');
  const seen = new Set<number>();
  merges.forEach((m: unknown, r: number) => {
    const ok =
      Array.isArray(m) &&
      m.length === 2 &&
      m.every((x) => Number.isInteger(x) && x >= 0 && x < 256 + r); // only tokens that exist already
    if (!ok) fail(`merge ${r} must be two ids of earlier tokens, got ${JSON.stringify(m)}`);
    const key = (m as number[])[0] * 65536 + (m as number[])[1];
    if (seen.has(key)) fail(`merge ${r} repeats an earlier pair`);
    seen.add(key);
  });
  return j as unknown as TokenizerJSON;
}
