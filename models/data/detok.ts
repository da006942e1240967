// Undo the Brown Corpus tokenisation: turn sentences of tokens back into readable text, remembering the
// character span of every token so that tokenizer tokens can be mapped back to corpus words.
//
// Choices (documented in models/data/README.md):
//  - `` and '' become ". A lone ' is a single quote; within a paragraph odd occurrences open and even ones
//    close, except that a ' followed by closing punctuation or the end of the sentence always closes.
//  - No space before , . ; : ? ! ) ] } % '' or a closing ', nor before the clitics n't 's 're 've 'll 'd 'm
//    when the corpus splits them off (the Brown files keep them attached, but the rule is general).
//  - No space after `` ( [ { $ or an opening '. A bare "/" or "-" token attaches to both neighbours.
//  - Sentences of one paragraph are joined by a space; a headline sentence (every word tagged -hl) is
//    followed by "\n"; paragraphs (blank-line-separated blocks of the Brown files) are joined by "\n\n".

export interface DetokSentence {
  paragraph: number;
  words: string[];
  headline?: boolean;
}

export interface DetokResult {
  text: string;
  /** Per sentence, per word: [start, end) in `text`. */
  spans: [number, number][][];
  sentenceSpans: [number, number][];
}

const NO_SPACE_BEFORE = new Set([',', '.', ';', ':', '?', '!', ')', ']', '}', '%', "''"]);
const NO_SPACE_AFTER = new Set(['``', '(', '[', '{', '$']);
const ATTACH_BOTH = new Set(['/', '-']);
const CLITIC = /^(n't|'s|'re|'ve|'ll|'d|'m)$/i;
const CLOSERS = new Set([',', '.', ';', ':', '?', '!', ')', ']', "''"]);

export function surface(word: string): string {
  return word === '``' || word === "''" ? '"' : word;
}

export function detokenize(sentences: DetokSentence[]): DetokResult {
  let text = '';
  const spans: [number, number][][] = [];
  const sentenceSpans: [number, number][] = [];
  let prevParagraph = -1;
  let prevHeadline = false;
  let singleOpen = false;
  let glueNext = true;
  for (const sentence of sentences) {
    const ws = sentence.words;
    if (sentence.paragraph !== prevParagraph) {
      singleOpen = false;
      if (text.length > 0) text += '\n\n';
      glueNext = true;
    } else if (prevHeadline) {
      text += '\n';
      glueNext = true;
    }
    // Otherwise the sentence continues the paragraph: the first word takes a space unless it is
    // closing punctuation (the corpus sometimes puts a closing '' or ) on a line of its own).
    prevParagraph = sentence.paragraph;
    prevHeadline = sentence.headline ?? false;
    const wordSpans: [number, number][] = [];
    let sentenceStart = -1;
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!;
      let opensQuote = false;
      let closesQuote = false;
      if (w === "'") {
        const next = ws[i + 1];
        closesQuote = singleOpen || next === undefined || CLOSERS.has(next);
        opensQuote = !closesQuote;
        singleOpen = opensQuote;
      }
      const glue = glueNext || NO_SPACE_BEFORE.has(w) || CLITIC.test(w) || closesQuote || ATTACH_BOTH.has(w);
      if (!glue) text += ' ';
      const s = surface(w);
      if (sentenceStart < 0) sentenceStart = text.length;
      wordSpans.push([text.length, text.length + s.length]);
      text += s;
      glueNext = NO_SPACE_AFTER.has(w) || opensQuote || ATTACH_BOTH.has(w);
    }
    spans.push(wordSpans);
    sentenceSpans.push([sentenceStart < 0 ? text.length : sentenceStart, text.length]);
  }
  return { text, spans, sentenceSpans };
}
