/**
 * A generated language with a known hierarchy (issue 13): seeded, deterministic documents of pieces
 * (vocab.ts) in which every scale's information needs composition, with per-token ground truth at each
 * scale. Browser-safe; the factory (models/data/hier-language.ts) writes the training streams from it.
 *
 *   document  <doc> paragraph ¶ paragraph ¶ …          2–4 paragraphs
 *   paragraph sentence sentence …                      4–7 sentences; the first one's subject head is the topic
 *   sentence  SUBJ VERB-agr [OBJ] particle .          (a paragraph's first: VERB-do, past, no agreement)
 *   SUBJ      the [ADJ] NOUN MOD                       MOD: 1 or 3 nested modifiers (each "of [ADJ] NOUN" or
 *             | pronoun                                 "that the NOUN … VERB-do"), right-branching
 *
 * Scales, and what each one's prediction needs (`needs`):
 * - piece: a verb's third piece is fixed by its first two together (vocab.ts);
 * - phrase: the verb's agreement piece (-ta singular, -ne plural) follows the subject's head noun, across
 *   its modifiers. Every subject phrase holds as many singular as plural nouns (the head and 1 or 3
 *   attractors), so a bag of its tokens cannot tell the head's number;
 * - paragraph: from the third sentence of a paragraph, a subject may be the pronoun of the topic's noun
 *   class (ka/mo/ri), 30–200 tokens after the topic; its verb then agrees with the topic's number;
 * - document: the document property p ∈ {0, 1}, fixed at the start and never written down, decides the
 *   sentence particle: ko when (subject is plural) = p, else pu. Particles and agreement pieces are each
 *   50/50 whatever p is, so no bag of tokens recovers p: it takes pairing a sentence's subject number
 *   with its particle. The first particle of a document is a coin flip for any reader; every later one
 *   is fixed.
 */
import { createRng, type Rng } from '../../convnet/drawings/random.ts';
import { ADJECTIVES, NOUNS, PRONOUNS, VERBS, pieceId } from './vocab.ts';

export const POS = ['DOC', 'PARA', 'PUNCT', 'DET', 'PREP', 'COMP', 'PRON', 'NOUN', 'VERB', 'ADJ', 'PART'] as const;
export type Pos = (typeof POS)[number];
/** Which scale's information a token's prediction needs; `local` is everything else (free choices, syntax). */
export const NEEDS = ['local', 'piece', 'phrase', 'paragraph', 'document'] as const;
export type Needs = (typeof NEEDS)[number];
export const SPAN_LABELS = ['WORD', 'NP', 'PP', 'RC', 'VP', 'S'] as const;
export type SpanLabel = (typeof SPAN_LABELS)[number];

export interface Span {
  /** Token positions [start, end). */
  start: number;
  end: number;
  label: SpanLabel;
  /** Enclosing phrase constituents (S = 0); a word has the depth of the phrase it is in, plus one. */
  depth: number;
}

/** Per-token ground truth, one entry per token of `ids`; −1 where a field does not apply. */
export interface HierDocument {
  seed: number;
  /** The document property (never a token). */
  property: 0 | 1;
  ids: number[];
  /** Index of the piece in its word, and the word's length in pieces. */
  piece: number[];
  wordLength: number[];
  /** Word-level part of speech (index into POS), the same for every piece of the word. */
  pos: number[];
  /** The word's index in its lexicon (NOUNS, VERBS, ADJECTIVES), by part of speech. */
  word: number[];
  /** A noun's class (which pronoun refers to it), on every piece of a noun; a pronoun's on the pronoun. */
  nounClass: number[];
  /** 0 singular, 1 plural: the noun's own number on a noun's pieces. */
  nounNumber: number[];
  /** The sentence's subject number, on every token of the sentence (the agreement label). */
  subjectNumber: number[];
  sentence: number[];
  /** Position of the token in its sentence (0 = first). */
  sentencePosition: number[];
  paragraph: number[];
  /** Phrase constituents enclosing the token. */
  depth: number[];
  /** For a pronoun: position of its antecedent (the topic noun's last piece); for its verb's agreement piece too. */
  antecedent: number[];
  /** For an agreement piece after a full subject: position of the subject's head noun's last piece. */
  head: number[];
  /** Where the information a `needs` ≠ local token depends on begins (the reader must see from here on). */
  evidence: number[];
  needs: number[];
  /** The generator's own −ln p of the token given everything it knows (a floor on any model's loss), for needs ≠ local; else NaN. */
  floor: number[];
  spans: Span[];
}

export interface LanguageOptions {
  paragraphs?: [number, number];
  sentences?: [number, number];
}

const LN2 = Math.log(2);

class Builder {
  readonly d: HierDocument;
  depth = 0;
  sentence = -1;
  sentenceStart = 0;
  paragraph = -1;
  subjectNumber = -1;

  constructor(seed: number, property: 0 | 1) {
    this.d = {
      seed, property, ids: [], piece: [], wordLength: [], pos: [], word: [], nounClass: [], nounNumber: [], subjectNumber: [],
      sentence: [], sentencePosition: [], paragraph: [], depth: [], antecedent: [], head: [], evidence: [], needs: [], floor: [], spans: [],
    };
  }

  get length() {
    return this.d.ids.length;
  }

  /** One word of one or more pieces; `extra(i)` overrides per-piece fields. */
  word(pieces: readonly string[], pos: Pos, fields: { word?: number; nounClass?: number; nounNumber?: number } = {}, perPiece?: (i: number) => Partial<Record<'antecedent' | 'head' | 'evidence' | 'needs' | 'floor', number>>): number {
    const start = this.length;
    const d = this.d;
    pieces.forEach((p, i) => {
      const extra = perPiece?.(i) ?? {};
      d.ids.push(pieceId(p));
      d.piece.push(i);
      d.wordLength.push(pieces.length);
      d.pos.push(POS.indexOf(pos));
      d.word.push(fields.word ?? -1);
      d.nounClass.push(fields.nounClass ?? -1);
      d.nounNumber.push(fields.nounNumber ?? -1);
      d.subjectNumber.push(this.sentence >= 0 ? this.subjectNumber : -1);
      d.sentence.push(this.sentence);
      d.sentencePosition.push(this.sentence >= 0 ? this.length - 1 - this.sentenceStart + 0 : -1);
      d.paragraph.push(this.paragraph);
      d.depth.push(this.depth);
      d.antecedent.push(extra.antecedent ?? -1);
      d.head.push(extra.head ?? -1);
      d.evidence.push(extra.evidence ?? -1);
      d.needs.push(extra.needs ?? 0);
      d.floor.push(extra.floor ?? Number.NaN);
    });
    d.spans.push({ start, end: this.length, label: 'WORD', depth: this.depth });
    return this.length - 1;
  }

  /** A phrase constituent around what `body` emits. */
  phrase<T>(label: SpanLabel, body: () => T): T {
    const start = this.length;
    const depth = this.depth;
    this.depth++;
    const out = body();
    this.depth--;
    this.d.spans.push({ start, end: this.length, label, depth });
    return out;
  }
}

const NEED = (n: Needs) => NEEDS.indexOf(n);

interface NounChoice {
  noun: number;
  number: 0 | 1;
}

function noun(b: Builder, c: NounChoice): number {
  const n = NOUNS[c.noun]!;
  const pieces = c.number === 1 ? [...n.pieces, '-s'] : [...n.pieces];
  return b.word(pieces, 'NOUN', { word: c.noun, nounClass: n.cls, nounNumber: c.number });
}

function adjective(b: Builder, rng: Rng, p: number) {
  if (!rng.chance(p)) return;
  const a = rng.int(0, ADJECTIVES.length - 1);
  b.word(ADJECTIVES[a]!, 'ADJ', { word: a });
}

/** A verb: its third piece needs the first two; its last piece is agreement (-ta/-ne) or past (-do). */
function verb(b: Builder, rng: Rng, ending: string, endingNeeds?: Partial<Record<'antecedent' | 'head' | 'evidence' | 'needs' | 'floor', number>>) {
  const v = rng.int(0, VERBS.length - 1);
  const pieces = [...VERBS[v]!.pieces, ending];
  const start = b.length;
  b.word(pieces, 'VERB', { word: v }, (i) => (i === 2 ? { needs: NEED('piece'), evidence: start, floor: 0 } : i === 3 ? (endingNeeds ?? {}) : {}));
}

/**
 * A chain of nested modifiers after a noun, one per entry of `nouns` (right-branching: each modifier's
 * noun carries the next one).
 */
function modifiers(b: Builder, rng: Rng, nouns: NounChoice[]) {
  if (nouns.length === 0) return;
  const [first, ...rest] = nouns;
  if (rng.chance(0.5)) {
    b.phrase('PP', () => {
      b.word(['of'], 'PREP');
      b.phrase('NP', () => {
        adjective(b, rng, 0.3);
        noun(b, first!);
        modifiers(b, rng, rest);
      });
    });
  } else {
    b.phrase('RC', () => {
      b.word(['that'], 'COMP');
      b.phrase('NP', () => {
        b.word(['the'], 'DET');
        noun(b, first!);
        modifiers(b, rng, rest);
      });
      verb(b, rng, '-do');
    });
  }
}

/** The numbers of a subject phrase's nouns: the head's given, as many singular as plural in all. */
function balancedNumbers(rng: Rng, head: 0 | 1, count: number): (0 | 1)[] {
  const plural = count / 2 - head;
  const rest: (0 | 1)[] = Array.from({ length: count - 1 }, (_, i) => (i < plural ? 1 : 0));
  for (let i = rest.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  return [head, ...rest];
}

interface Topic extends NounChoice {
  /** Position of the topic noun's last piece. */
  at: number;
}

/** One document. Deterministic in `seed`. */
export function generateDocument(seed: number, options: LanguageOptions = {}): HierDocument {
  const rng = createRng(seed);
  const [pMin, pMax] = options.paragraphs ?? [2, 4];
  const [sMin, sMax] = options.sentences ?? [4, 7];
  const property: 0 | 1 = rng.chance(0.5) ? 1 : 0;
  const b = new Builder(seed, property);
  b.word(['<doc>'], 'DOC');
  let lastSentenceStart = -1;
  const paragraphs = rng.int(pMin, pMax);
  for (let p = 0; p < paragraphs; p++) {
    if (p > 0) b.word(['¶'], 'PARA');
    b.paragraph = p;
    const sentences = rng.int(sMin, sMax);
    let topic: Topic | null = null;
    for (let s = 0; s < sentences; s++) {
      b.sentence++;
      b.sentenceStart = b.length;
      const start = b.length;
      // TypeScript narrows `topic` to null here (it is assigned further down the loop body); it is not.
      const current = topic as Topic | null;
      const distance = current ? start - current.at : 0;
      const pronoun = current !== null && s >= 2 && distance >= 30 && distance <= 200 && rng.chance(0.5);
      const headChoice: NounChoice = pronoun ? topic! : { noun: rng.int(0, NOUNS.length - 1), number: rng.chance(0.5) ? 1 : 0 };
      b.subjectNumber = headChoice.number;
      // The sentence's tokens so far carry the subject number too (it is the sentence's label).
      b.phrase('S', () => {
        let agreement: Partial<Record<'antecedent' | 'head' | 'evidence' | 'needs' | 'floor', number>>;
        if (pronoun) {
          const t = topic!;
          b.word([PRONOUNS[NOUNS[t.noun]!.cls]!], 'PRON', { nounClass: NOUNS[t.noun]!.cls }, () => ({
            antecedent: t.at, evidence: t.at, needs: NEED('paragraph'), floor: LN2,
          }));
          b.d.spans.push({ start, end: start + 1, label: 'NP', depth: 1 });
          agreement = { antecedent: t.at, evidence: t.at, needs: NEED('paragraph'), floor: 0 };
        } else {
          const count = rng.chance(0.75) ? 2 : 4;
          const numbers = balancedNumbers(rng, headChoice.number, count);
          const nouns: NounChoice[] = numbers.map((n, i) => ({ noun: i === 0 ? headChoice.noun : rng.int(0, NOUNS.length - 1), number: n }));
          let headAt = -1;
          b.phrase('NP', () => {
            b.word(['the'], 'DET');
            adjective(b, rng, 0.3);
            headAt = noun(b, nouns[0]!);
            modifiers(b, rng, nouns.slice(1));
          });
          if (s === 0) topic = { ...headChoice, at: headAt };
          agreement = s === 0 ? {} : { head: headAt, evidence: headAt, needs: NEED('phrase'), floor: 0 };
        }
        b.phrase('VP', () => {
          // A paragraph's first sentence introduces its topic in the past tense (-do): were its verb to agree,
          // the topic's number would be in any bag of the paragraph's tokens.
          verb(b, rng, s === 0 ? '-do' : headChoice.number === 1 ? '-ne' : '-ta', agreement);
          if (rng.chance(0.7)) {
            b.phrase('NP', () => {
              b.word(['the'], 'DET');
              adjective(b, rng, 0.3);
              noun(b, { noun: rng.int(0, NOUNS.length - 1), number: rng.chance(0.5) ? 1 : 0 });
            });
          }
        });
        const particle = headChoice.number === property ? 'ko' : 'pu';
        b.word([particle], 'PART', {}, () =>
          lastSentenceStart >= 0 ? { evidence: lastSentenceStart, needs: NEED('document'), floor: 0 } : { floor: LN2 },
        );
        b.word(['.'], 'PUNCT');
      });
      lastSentenceStart = start;
    }
  }
  b.d.spans.sort((x, y) => x.start - y.start || y.end - x.end);
  return b.d;
}

/** `count` documents from consecutive seeds (seed, seed + 1, …): any subset regenerates alone. */
export function generateDocuments(count: number, seed: number, options?: LanguageOptions): HierDocument[] {
  return Array.from({ length: count }, (_, i) => generateDocument(seed + i, options));
}
