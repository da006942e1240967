// An open-addressing hash table from a pair of small non-negative integers (a context node, a token id) to a
// positive integer (a count, or a child node id). Why not Map: with keys node · V + w the numbers pass 2^31,
// V8 boxes them as heap doubles and the 5-gram build took ~30 s; this table takes a few seconds, all in one typed
// array: each slot is [a, b, value, unused], so a probe touches one cache line, not three; linear probing,
// load factor at most 1/2.
// A missing pair reads as 0, which is never a stored value (counts ≥ 1, child ids ≥ 1).

export class PairTable {
  size = 0;
  private slots: Int32Array; // 4 int32 per slot: a (−1 = empty), b, value, padding to 16 bytes
  private mask: number;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < 2 * capacity) cap *= 2;
    this.slots = new Int32Array(4 * cap).fill(-1);
    this.mask = cap - 1;
  }

  /** The offset of the slot holding (a, b), or of the empty slot where it would go. */
  private find(a: number, b: number): number {
    // A cheap integer mix (murmur3's finaliser) so that consecutive nodes/tokens spread over the table.
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    const s = this.slots;
    let i = h & this.mask;
    while (s[4 * i] !== -1 && (s[4 * i] !== a || s[4 * i + 1] !== b)) i = (i + 1) & this.mask;
    return 4 * i;
  }

  /** The value stored for (a, b), or 0 when absent. */
  get(a: number, b: number): number {
    const j = this.find(a, b);
    return this.slots[j] === -1 ? 0 : this.slots[j + 2];
  }

  /** Adds `delta` to the value for (a, b) (inserting it at `delta`); returns the previous value, 0 if new. */
  add(a: number, b: number, delta: number): number {
    if (a < 0 || b < 0) throw new Error(`PairTable: negative key (${a}, ${b})`);
    const j = this.find(a, b);
    const s = this.slots;
    if (s[j] !== -1) {
      const old = s[j + 2];
      s[j + 2] = old + delta;
      return old;
    }
    s[j] = a;
    s[j + 1] = b;
    s[j + 2] = delta;
    if (++this.size * 2 > this.mask + 1) this.grow();
    return 0;
  }

  forEach(fn: (a: number, b: number, value: number) => void): void {
    const s = this.slots;
    for (let j = 0; j < s.length; j += 4) if (s[j] !== -1) fn(s[j], s[j + 1], s[j + 2]);
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length).fill(-1);
    this.mask = 2 * this.mask + 1;
    for (let j = 0; j < old.length; j += 4) {
      if (old[j] === -1) continue;
      const k = this.find(old[j], old[j + 1]);
      this.slots.set(old.subarray(j, j + 3), k);
    }
  }
}
