import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatestWinsQueue } from '../../../widgets/runtime/ort/latest-wins.ts';

describe('LatestWinsQueue', () => {
  it('drops an older queued request of the same key, keeps other keys', () => {
    const q = new LatestWinsQueue<string>();
    expect(q.enqueue(q.claim('a'), 'a1')).toEqual([]);
    expect(q.enqueue(q.claim('b'), 'b1')).toEqual([]);
    expect(q.enqueue(q.claim('a'), 'a2')).toEqual(['a1']);
    expect(q.take()?.job).toBe('b1');
    expect(q.take()?.job).toBe('a2');
    expect(q.take()).toBeUndefined();
  });

  it('marks a running request stale once a newer one of its key is claimed', () => {
    const q = new LatestWinsQueue<string>();
    const t1 = q.claim('fig');
    q.enqueue(t1, 'x');
    const running = q.take()!;
    expect(q.isCurrent(running.ticket)).toBe(true);
    const t2 = q.claim('fig'); // the reader typed again while 'x' runs
    expect(q.isCurrent(t1)).toBe(false);
    expect(q.isCurrent(t2)).toBe(true);
    expect(q.isCurrent(q.claim('other'))).toBe(true);
    expect(q.isCurrent(t2)).toBe(true);
  });

  it('refuses a request whose ticket went stale while it waited (e.g. for its model)', () => {
    const q = new LatestWinsQueue<string>();
    const early = q.claim('fig');
    const late = q.claim('fig');
    expect(q.enqueue(late, 'late')).toEqual([]);
    expect(q.enqueue(early, 'early')).toEqual(['early']);
    expect(q.size).toBe(1);
  });

  it('drain empties the queue', () => {
    const q = new LatestWinsQueue<number>();
    q.enqueue(q.claim('a'), 1);
    q.enqueue(q.claim('b'), 2);
    expect(q.drain()).toEqual([1, 2]);
    expect(q.size).toBe(0);
  });

  it('property: at most one waiting job per key, always the newest claimed one, FIFO across keys', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 60 }), (keys) => {
        const q = new LatestWinsQueue<number>();
        const settled = new Set<number>();
        keys.forEach((key, i) => {
          for (const dropped of q.enqueue(q.claim(key), i)) settled.add(dropped);
        });
        const left: number[] = [];
        for (let next = q.take(); next; next = q.take()) {
          expect(q.isCurrent(next.ticket)).toBe(true);
          left.push(next.job);
        }
        // Every request is either dropped or left, never both, never lost.
        expect(settled.size + left.length).toBe(keys.length);
        // The survivors are exactly the last request of each key, in submission order.
        const lastOf = new Map(keys.map((k, i) => [k, i]));
        expect(left).toEqual([...lastOf.values()].sort((x, y) => x - y));
      }),
    );
  });
});
