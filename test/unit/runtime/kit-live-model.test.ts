import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { LiveModel } from '../../../widgets/runtime/kit/live-model.svelte.ts';
import { Newest } from '../../../widgets/runtime/kit/newest.ts';
import { ModelRuntimeError } from '../../../widgets/runtime/ort/protocol.ts';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('Newest', () => {
  it('only the last token is current, and cancel makes none current', () => {
    const n = new Newest();
    const a = n.begin();
    const b = n.begin();
    expect(n.isCurrent(a)).toBe(false);
    expect(n.isCurrent(b)).toBe(true);
    n.cancel();
    expect(n.isCurrent(b)).toBe(false);
  });
});

describe('LiveModel', () => {
  it('each part is usable as soon as it loads; ready once all have', async () => {
    const tok = deferred<string>();
    const model = deferred<void>();
    const loaders = { tokenizer: () => tok.promise, model: () => model.promise };
    const live = new LiveModel<typeof loaders, number>(loaders);
    live.start();
    expect(live.status).toBe('loading');
    tok.resolve('bpe');
    await settle();
    flushSync();
    expect(live.parts.tokenizer).toBe('bpe');
    expect(live.loaded).toEqual({ tokenizer: true, model: false });
    expect(live.ready).toBe(false);
    model.resolve();
    await settle();
    expect(live.ready).toBe(true);
    expect(live.status).toBe('ready');
  });

  it('a failed part gives one sentence; start() retries only what failed', async () => {
    let calls = { tokenizer: 0, model: 0 };
    let failModel = true;
    const loaders = {
      tokenizer: async () => (calls.tokenizer++, 'bpe'),
      model: async () => {
        calls.model++;
        if (failModel) throw new ModelRuntimeError({ kind: 'model', message: 'The model file could not be downloaded.' });
      },
    };
    const live = new LiveModel<typeof loaders, number>(loaders);
    live.start();
    await settle();
    expect(live.status).toBe('error');
    expect(live.problem).toBe('The model file could not be downloaded.');
    failModel = false;
    live.start();
    expect(live.problem).toBe('');
    await settle();
    expect(live.status).toBe('ready');
    expect(calls).toEqual({ tokenizer: 1, model: 2 });
  });

  it('newest wins: an older task that answers last is not painted, nor is its error', async () => {
    const live = new LiveModel<{}, string>({});
    const first = deferred<string>();
    const second = deferred<string>();
    live.run(() => first.promise);
    live.run(() => second.promise);
    expect(live.pending).toBe(true);
    second.resolve('new');
    await settle();
    expect(live.result).toBe('new');
    expect(live.painted).toBe(1);
    expect(live.pending).toBe(false);
    first.reject(new Error('too late'));
    first.promise.catch(() => {});
    await settle();
    expect(live.result).toBe('new');
    expect(live.problem).toBe('');
  });

  it('a multi-step task sees when it is no longer current; idle() drops the task in flight', async () => {
    const live = new LiveModel<{}, string>({});
    const step = deferred<void>();
    let sawStale = false;
    live.run(async (current) => {
      await step.promise;
      if (!current()) {
        sawStale = true;
        return null;
      }
      return 'old';
    });
    live.idle();
    expect(live.pending).toBe(false);
    step.resolve();
    await settle();
    expect(sawStale).toBe(true);
    expect(live.result).toBe(null);
  });

  it('a null result (stale at the runtime) paints nothing and keeps the last result', async () => {
    const live = new LiveModel<{}, string>({});
    live.run(async () => 'first');
    await settle();
    live.run(async () => null);
    await settle();
    expect(live.result).toBe('first');
    expect(live.painted).toBe(1);
  });

  it('a failure that is not an Error reads as the fallback sentence', async () => {
    const live = new LiveModel<{}, string>({}, { fallbackProblem: 'The model could not run.' });
    live.run(() => Promise.reject('boom'));
    await settle();
    expect(live.problem).toBe('The model could not run.');
  });
});
