/**
 * A binary heap kept in a plain array, ordered by `before(a, b)` ("a comes out first"): the tokenizer's
 * merge queue (numbers, smallest first) and the factory's BPE learner (pair counts, largest first) share it.
 */

export function heapPush<T>(heap: T[], e: T, before: (a: T, b: T) => boolean): void {
  let i = heap.length;
  heap.push(e);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!before(e, heap[p])) break;
    heap[i] = heap[p];
    i = p;
  }
  heap[i] = e;
}

export function heapPop<T>(heap: T[], before: (a: T, b: T) => boolean): T {
  const top = heap[0];
  const last = heap.pop() as T;
  const n = heap.length;
  if (n === 0) return top;
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && before(heap[c + 1], heap[c])) c++;
    if (!before(heap[c], last)) break;
    heap[i] = heap[c];
    i = c;
  }
  heap[i] = last;
  return top;
}
