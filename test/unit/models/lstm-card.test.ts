// The LSTM card's loader (widgets/models/lstm/card.ts): a card as models/lstm/card.ts writes it passes, and the
// invariants a widget relies on (state size, the graph's inputs and outputs and their shapes) are enforced.
import { describe, expect, it } from 'vitest';
import { parseLstmCard } from '../../../widgets/models/lstm/card.ts';

const L = 2;
const d = 96;
const V = 2048;

function card(): Record<string, any> {
  return {
    name: 'lstm',
    task: 'next-token prediction',
    architecture: { type: 'LSTM', layers: L, d_model: d, state_size: 2 * L * d, vocab_size: V, params: 345792, transformer_params: 339328 },
    inputs: [
      { name: 'input_ids', dtype: 'int64', shape: [1, 'T'], meaning: '' },
      { name: 'h0', dtype: 'float32', shape: [L, 1, d], meaning: '' },
      { name: 'c0', dtype: 'float32', shape: [L, 1, d], meaning: '' },
    ],
    outputs: [
      { name: 'logits', shape: [1, V], meaning: '' },
      { name: 'h', shape: [L, 1, 'T', d], meaning: '' },
      { name: 'c', shape: [L, 1, 'T', d], meaning: '' },
    ],
    head: { file: 'lstm-head.onnx', inputs: [{ name: 'h', shape: ['N', d], meaning: '' }], outputs: [{ name: 'logits', shape: ['N', V], meaning: '' }] },
    tokenizer: { file: 'tokenizer.json', vocab_size: V, eot_id: V - 1 },
    files: { model: 'lstm.onnx', head: 'lstm-head.onnx', tokenizer: 'tokenizer.json' },
    bytes: { model: 1, head: 1, tokenizer: 1 },
    metrics: { val_bpc: 2.6, val_nats_per_token: 5.5, scoring: 'whole stream', transformer_val_bpc: 1.9 },
    test_fixture: { path: 'models/fixtures/lstm-fixture.json', bytes: 1, meaning: '' },
  };
}

describe('parseLstmCard', () => {
  it('accepts a card shaped like the writer writes it', () => {
    const c = parseLstmCard(card());
    expect(c.architecture.state_size).toBe(384);
    expect(c.outputs.map((s) => s.name)).toEqual(['logits', 'h', 'c']);
  });

  it('rejects a state size that is not 2 × layers × d_model', () => {
    const c = card();
    c.architecture.state_size = 192;
    expect(() => parseLstmCard(c)).toThrow(/state_size/);
  });

  it('rejects outputs in another order or of another shape', () => {
    const swapped = card();
    swapped.outputs = [swapped.outputs[0], swapped.outputs[2], swapped.outputs[1]];
    expect(() => parseLstmCard(swapped)).toThrow(/outputs/);
    const shape = card();
    shape.outputs[1].shape = [L, 1, 'T', 64];
    expect(() => parseLstmCard(shape)).toThrow(/\(h\) has shape/);
  });

  it('rejects a head, tokenizer or fixture that does not fit', () => {
    const head = card();
    head.head.outputs[0].shape = ['N', 1000];
    expect(() => parseLstmCard(head)).toThrow(/head/);
    const tok = card();
    tok.tokenizer.vocab_size = 1000;
    expect(() => parseLstmCard(tok)).toThrow(/vocab_size/);
    const served = card();
    served.test_fixture.path = 'public/models/lstm-fixture.json';
    expect(() => parseLstmCard(served)).toThrow(/outside public/);
  });
});
