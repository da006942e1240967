// The generated language of issue 13 (widgets/models/hier-language/): deterministic per seed, nested
// spans, agreement, antecedents and the document property holding by construction (property tests over
// seeds), and the bag-of-tokens control for every label declared compositional (models/hier/controls.ts).
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { NEEDS, POS, generateDocument, generateDocuments, type HierDocument } from '../../../widgets/models/hier-language/language.ts';
import { NOUNS, PIECES, PRONOUNS, VERBS, VOCAB_SIZE, pieceId } from '../../../widgets/models/hier-language/vocab.ts';
import { COMPOSITIONAL, bagControl, bagExamples } from '../../../models/hier/controls.ts';
import { bagProbe } from '../../../models/hier/bag-probe.ts';

vi.setConfig({ testTimeout: 120_000 });

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const runs = { numRuns: 60 };
const piece = (d: HierDocument, t: number) => PIECES[d.ids[t]!]!;
const P = (name: (typeof POS)[number]) => POS.indexOf(name);

describe('the generated language', () => {
  it('is deterministic per seed, and seeds differ', () => {
    fc.assert(
      fc.property(seed, (s) => {
        expect(generateDocument(s)).toEqual(generateDocument(s));
      }),
      { numRuns: 20 },
    );
    expect(generateDocument(1).ids).not.toEqual(generateDocument(2).ids);
    expect(generateDocuments(3, 7)[2]).toEqual(generateDocument(9));
  });

  it('has one entry per token in every per-token field, and documents longer than the 256-token context on average', () => {
    const docs = generateDocuments(200, 1);
    for (const d of docs) {
      for (const [k, v] of Object.entries(d)) if (Array.isArray(v) && k !== 'spans') expect(v, k).toHaveLength(d.ids.length);
      expect(d.ids.every((id) => id >= 0 && id < VOCAB_SIZE)).toBe(true);
      expect(piece(d, 0)).toBe('<doc>');
    }
    const mean = docs.reduce((s, d) => s + d.ids.length, 0) / docs.length;
    console.log(`document length: mean ${mean.toFixed(0)} tokens, max ${Math.max(...docs.map((d) => d.ids.length))}`);
    expect(mean).toBeGreaterThan(256);
  });

  it('has spans that nest (never cross), words that tile the document, and depth = enclosing phrases', () => {
    fc.assert(
      fc.property(seed, (s) => {
        const d = generateDocument(s);
        const phrases = d.spans.filter((x) => x.label !== 'WORD');
        for (const a of d.spans)
          for (const b of d.spans) {
            const disjoint = a.end <= b.start || b.end <= a.start;
            const nested = (a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end);
            expect(disjoint || nested).toBe(true);
          }
        const words = d.spans.filter((x) => x.label === 'WORD').sort((a, b) => a.start - b.start);
        words.forEach((w, i) => expect(w.start).toBe(i === 0 ? 0 : words[i - 1]!.end));
        expect(words.at(-1)!.end).toBe(d.ids.length);
        for (const w of words) for (let t = w.start; t < w.end; t++) expect(d.piece[t]).toBe(t - w.start);
        // A token's depth counts the phrases around it (the pronoun's one-token NP is marked at depth 1 after the fact).
        d.ids.forEach((_, t) => {
          const around = phrases.filter((x) => x.start <= t && t < x.end && !(x.label === 'NP' && x.end - x.start === 1)).length;
          expect(d.depth[t]).toBe(around);
        });
      }),
      { numRuns: 8 },
    );
  });

  it('spells words from pieces whose meaning needs them joined', () => {
    for (const n of NOUNS) {
      expect(NOUNS.filter((m) => m.pieces[0] === n.pieces[0]).map((m) => m.cls).sort()).toEqual([0, 0, 1, 1, 2, 2]);
      expect(new Set(NOUNS.filter((m) => m.pieces[1] === n.pieces[1]).map((m) => m.cls)).size).toBe(3);
    }
    for (const v of VERBS) {
      expect(new Set(VERBS.filter((w) => w.pieces[0] === v.pieces[0]).map((w) => w.pieces[2])).size).toBeGreaterThan(1);
      expect(new Set(VERBS.filter((w) => w.pieces[1] === v.pieces[1]).map((w) => w.pieces[2])).size).toBeGreaterThan(1);
      expect(VERBS.filter((w) => w.pieces[0] === v.pieces[0] && w.pieces[1] === v.pieces[1])).toHaveLength(1);
    }
  });

  it('makes verbs agree with their subject head across its modifiers', () => {
    fc.assert(
      fc.property(seed, (s) => {
        const d = generateDocument(s);
        d.ids.forEach((_, t) => {
          const p = piece(d, t);
          if (p !== '-ta' && p !== '-ne') return;
          const number = p === '-ne' ? 1 : 0;
          expect(d.subjectNumber[t]).toBe(number);
          if (d.head[t]! >= 0) {
            expect(d.nounNumber[d.head[t]!]).toBe(number);
            expect(NEEDS[d.needs[t]!]).toBe('phrase');
            // The subject phrase holds as many singular as plural nouns: its bag cannot tell the head.
            const subject = d.spans.find((x) => x.label === 'NP' && x.start <= d.head[t]! && d.head[t]! < x.end && x.depth === 1)!;
            const numbers = d.nounNumber.slice(subject.start, subject.end).filter((n, u) => n >= 0 && d.piece[subject.start + u] === 0);
            expect(numbers.filter((n) => n === 1).length * 2).toBe(numbers.length);
          } else expect(d.antecedent[t]).toBeGreaterThanOrEqual(0);
        });
      }),
      runs,
    );
  });

  it('refers to a paragraph’s topic with its class’s pronoun, 30–200 tokens later, and agrees with its number', () => {
    let pronouns = 0;
    fc.assert(
      fc.property(seed, (s) => {
        const d = generateDocument(s);
        d.ids.forEach((_, t) => {
          if (d.pos[t] !== P('PRON')) return;
          pronouns++;
          const a = d.antecedent[t]!;
          expect(d.pos[a]).toBe(P('NOUN'));
          expect(d.paragraph[a]).toBe(d.paragraph[t]);
          expect(d.sentence[t]! - d.sentence[a]!).toBeGreaterThanOrEqual(2);
          expect(t - a).toBeGreaterThanOrEqual(30);
          expect(t - a).toBeLessThanOrEqual(200);
          expect(piece(d, t)).toBe(PRONOUNS[NOUNS[d.word[a]!]!.cls]);
          expect(d.subjectNumber[t]).toBe(d.nounNumber[a]);
          expect(NEEDS[d.needs[t]!]).toBe('paragraph');
        });
      }),
      runs,
    );
    expect(pronouns).toBeGreaterThan(50);
  });

  it('decides every particle by the document property and the subject number; all but the first are fixed', () => {
    fc.assert(
      fc.property(seed, (s) => {
        const d = generateDocument(s);
        const particles = d.ids.flatMap((id, t) => (d.pos[t] === P('PART') ? [t] : []));
        particles.forEach((t, i) => {
          expect(piece(d, t)).toBe(d.subjectNumber[t] === d.property ? 'ko' : 'pu');
          expect(NEEDS[d.needs[t]!]).toBe(i === 0 ? 'local' : 'document');
          expect(d.floor[t]).toBeCloseTo(i === 0 ? Math.log(2) : 0, 12);
          expect(d.ids[t + 1]).toBe(pieceId('.'));
        });
      }),
      runs,
    );
  });

  it('points every scale-dependent token at evidence before it', () => {
    fc.assert(
      fc.property(seed, (s) => {
        const d = generateDocument(s);
        d.ids.forEach((_, t) => {
          if (d.needs[t] === 0) return expect(d.evidence[t]).toBe(-1);
          expect(d.evidence[t]).toBeGreaterThanOrEqual(0);
          expect(d.evidence[t]).toBeLessThan(t);
          expect(Number.isFinite(d.floor[t])).toBe(true);
        });
      }),
      runs,
    );
  });

  it('hides every label declared compositional from a bag of tokens: within 2 points of chance on held-out documents', () => {
    const train = generateDocuments(1500, 1_000_000);
    const test = generateDocuments(1500, 2_000_000);
    for (const label of COMPOSITIONAL) {
      const r = bagControl(train, test, label, 256, VOCAB_SIZE);
      console.log(`bag-of-tokens control, ${label.name}: accuracy ${r.accuracy.toFixed(3)}, chance ${r.chance.toFixed(3)} (${r.train} train / ${r.test} held-out positions)`);
      expect(Math.abs(r.accuracy - r.chance)).toBeLessThanOrEqual(0.02);
    }
  });

  it('has a bag-of-tokens control that can tell: it reads a label a bag does hold (the particle in the window)', () => {
    const label = { name: 'particle', what: '', classes: 2, examples: (d: HierDocument) => d.ids.flatMap((id, t) => (d.pos[t] === P('PART') ? [[t, piece(d, t) === 'ko' ? 1 : 0] as [number, number]] : [])) };
    const r = bagProbe(bagExamples(generateDocuments(200, 5_000_000), label, 8), bagExamples(generateDocuments(200, 6_000_000), label, 8), VOCAB_SIZE, 2);
    expect(r.accuracy).toBeGreaterThan(0.95);
  });
});
