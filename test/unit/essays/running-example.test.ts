// The running example of the transformer essays (content/numbers/running-example.ts): the figures open on the
// head the prose describes. The prose says: in head {ex.layer}.{ex.head}, of the second layer, "um" sends
// nearly all of its attention to "␣j", "ps" most of its attention, and "at" in "␣c|at" its attention to "␣c".
import { describe, expect, it, vi } from 'vitest';
import { loadNodeTransformer } from '../../../widgets/models/transformer/node-inference.ts';
import { attentionRow } from '../../../widgets/models/transformer/outputs.ts';
import { RUNNING_EXAMPLE, strongestHead } from '../../../widgets/attention/running-example.ts';

vi.setConfig({ testTimeout: 120_000 }); // loads onnxruntime-web and the model: slow on a busy machine, never timed

describe('the running example', () => {
  it('the head the figures open on is the one the prose describes', async () => {
    const { ex } = await import('../../../content/numbers/running-example.ts');
    const model = await loadNodeTransformer();
    const ids = model.tokenizer.encode(RUNNING_EXAMPLE);
    const pieces = ids.map((id) => new TextDecoder().decode(model.tokenizer.tokenBytes(id)));
    expect(ex.text).toBe(RUNNING_EXAMPLE);
    expect(ex.layer).toBe(2); // "this head of the second layer"
    expect([pieces[ex.um - 1], pieces[ex.ps - 1], pieces[ex.at - 1]]).toEqual(['um', 'ps', 'at']);
    const out = await model.run(ids);
    const row = (q: number) => attentionRow(out.attn, ex.layer - 1, ex.head - 1, q - 1);
    const j = pieces.indexOf(' j');
    const c = pieces.indexOf(' c');
    expect(row(ex.um)[j]).toBeGreaterThan(0.9); // "nearly all"
    expect(row(ex.ps)[j]).toBeGreaterThan(0.5); // "most"
    expect(row(ex.at)[c]).toBeGreaterThan(0.9);
  });

  it('strongestHead picks the head with the most weight from the query to the key', () => {
    // 1 layer, 2 heads, 2 tokens: head 2 puts 0.8 of token 2's attention on token 1, head 1 puts 0.3.
    const T = 2;
    const data = new Float32Array([1, 0, 0.3, 0.7, 1, 0, 0.8, 0.2]);
    const attn = { data, dims: [1, 1, 2, T, T] };
    expect(strongestHead(attn, 1, 2, 1, 0)).toMatchObject({ layer: 1, head: 2, query: 2, key: 1 });
  });
});
