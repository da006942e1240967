import { describe, expect, it } from 'vitest';
import { HttpError, NetworkError, NotAFileError, fetchWithProgress } from '../../../widgets/runtime/ort/fetch-progress.ts';
import {
  aggregate,
  downloadText,
  effectiveTotal,
  expectedTotal,
  formatMB,
  shouldReport,
  upsert,
  type Download,
} from '../../../widgets/runtime/ort/progress.ts';

const dl = (id: string, loaded: number, total: number | null, done = false): Download => ({ id, label: id, loaded, total, done });

describe('expectedTotal', () => {
  it('trusts Content-Length only for an uncompressed body', () => {
    expect(expectedTotal({ contentLength: '1000', contentEncoding: null })).toBe(1000);
    expect(expectedTotal({ contentLength: '1000', contentEncoding: 'identity' })).toBe(1000);
    expect(expectedTotal({ contentLength: '400', contentEncoding: 'gzip', expected: 1000 })).toBe(1000);
    expect(expectedTotal({ contentLength: '400', contentEncoding: 'br' })).toBeNull();
  });
  it('falls back to the expected size, and ignores junk', () => {
    expect(expectedTotal({ contentLength: null, contentEncoding: null, expected: 1234 })).toBe(1234);
    expect(expectedTotal({ contentLength: 'abc', contentEncoding: null })).toBeNull();
    expect(expectedTotal({ contentLength: '-5', contentEncoding: null })).toBeNull();
    expect(expectedTotal({ contentLength: '0', contentEncoding: null, expected: 0 })).toBeNull();
    expect(expectedTotal({ contentLength: null, contentEncoding: null, expected: NaN })).toBeNull();
  });
});

describe('aggregate', () => {
  it('sums the running downloads into one bar', () => {
    const agg = aggregate([dl('runtime', 3e6, 10e6), dl('transformer', 1e6, 2e6)]);
    expect(agg).toEqual({ loaded: 4e6, total: 12e6, fraction: 4 / 12, active: true });
  });
  it('leaves finished downloads out, and is inactive when all are done', () => {
    expect(aggregate([dl('runtime', 10e6, 10e6, true), dl('m', 1, 4)]).total).toBe(4);
    expect(aggregate([dl('runtime', 10e6, 10e6, true)]).active).toBe(false);
    expect(aggregate([]).active).toBe(false);
  });
  it('is indeterminate when any size is unknown or was wrong', () => {
    expect(aggregate([dl('runtime', 3, 10), dl('m', 1, null)]).fraction).toBeNull();
    expect(aggregate([dl('m', 11, 10)]).fraction).toBeNull(); // outgrew its expected size
  });
  it('a finished download counts what it really got', () => {
    expect(effectiveTotal(dl('m', 9, 10, true))).toBe(9);
  });
});

describe('texts', () => {
  it('formats bytes / total in MB', () => {
    expect(downloadText(dl('runtime', 3.1e6, 10.4e6))).toBe('runtime 3.1 / 10.4 MB');
    expect(downloadText(dl('transformer', 512_000, null))).toBe('transformer 0.5 MB');
    expect(formatMB(0)).toBe('0.0');
    expect(formatMB(40_000)).toBe('0.04');
  });
  it('upsert replaces by id and keeps order', () => {
    const list = upsert(upsert([], dl('runtime', 0, 10)), dl('m', 0, 5));
    expect(upsert(list, dl('runtime', 5, 10)).map((d) => [d.id, d.loaded])).toEqual([
      ['runtime', 5],
      ['m', 0],
    ]);
  });
  it('throttles progress but always reports the first and the last event', () => {
    expect(shouldReport(null, 0, false)).toBe(true);
    expect(shouldReport(0, 50, false)).toBe(false);
    expect(shouldReport(0, 100, false)).toBe(true);
    expect(shouldReport(0, 1, true)).toBe(true);
  });
});

function streamResponse(chunks: Uint8Array[], headers: Record<string, string> = {}, status = 200): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
  return new Response(body, { status, headers });
}

describe('fetchWithProgress', () => {
  const chunks = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5]), new Uint8Array([6])];
  let clock = 0;
  const now = () => (clock += 1000); // every chunk is "a second later": nothing throttled

  it('returns the bytes and reports loaded / total up to done', async () => {
    const events: Array<[number, number | null, boolean]> = [];
    const bytes = await fetchWithProgress('/m.onnx', {
      fetch: async () => streamResponse(chunks, { 'content-length': '6' }),
      expectedBytes: null,
      now,
      onProgress: (loaded, total, done) => events.push([loaded, total, done]),
    });
    expect([...bytes]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events[0]).toEqual([0, 6, false]);
    expect(events.at(-1)).toEqual([6, 6, true]);
    expect(events.map((e) => e[0])).toEqual([0, 3, 5, 6, 6]);
  });

  it('grows its buffer when the size is unknown or understated', async () => {
    const big = Array.from({ length: 5 }, (_, i) => new Uint8Array(300_000).fill(i + 1));
    const bytes = await fetchWithProgress('/m.onnx', {
      fetch: async () => streamResponse(big, { 'content-encoding': 'gzip', 'content-length': '10' }),
      expectedBytes: 1000,
      now,
      onProgress: () => {},
    });
    expect(bytes.length).toBe(1_500_000);
    expect(bytes[0]).toBe(1);
    expect(bytes[1_499_999]).toBe(5);
  });

  it('turns 404, network failures and HTML pages into typed errors', async () => {
    const opts = { expectedBytes: null, now, onProgress: () => {} };
    await expect(fetchWithProgress('/x', { ...opts, fetch: async () => new Response('nope', { status: 404, statusText: 'Not Found' }) })).rejects.toBeInstanceOf(HttpError);
    await expect(fetchWithProgress('/x', { ...opts, fetch: async () => { throw new TypeError('Failed to fetch'); } })).rejects.toBeInstanceOf(NetworkError);
    await expect(fetchWithProgress('/x', { ...opts, fetch: async () => new Response('<!doctype html>', { headers: { 'content-type': 'text/html; charset=utf-8' } }) })).rejects.toBeInstanceOf(NotAFileError);
    const broken = new Response(
      new ReadableStream({
        pull(controller) {
          controller.error(new Error('connection reset'));
        },
      }),
    );
    await expect(fetchWithProgress('/x', { ...opts, fetch: async () => broken })).rejects.toBeInstanceOf(NetworkError);
  });
});
