// A small BibTeX reader: enough for a hand-kept references.bib (entries, braced or quoted
// fields, @string macros, common LaTeX accents). Errors name the line, so a contributor can fix them.

export interface BibEntry {
  key: string;
  type: string;
  fields: Record<string, string>;
}

export class BibtexError extends Error {}

const ACCENTS: Record<string, string> = {
  "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303',
  '=': '\u0304', '.': '\u0307', u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', k: '\u0328',
};
const SYMBOLS: Record<string, string> = {
  ss: 'ß', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ',
};

/** Turns the LaTeX that BibTeX fields carry into plain Unicode text. */
export function latexToUnicode(s: string): string {
  let out = s
    .replace(/\\([`'^"~=.])\s*\{?\\?([A-Za-z])\}?/g, (_, a: string, ch: string) => (ch + ACCENTS[a]).normalize('NFC'))
    .replace(/\\([uvHck])\s*\{\\?([A-Za-z])\}/g, (_, a: string, ch: string) => (ch + ACCENTS[a]).normalize('NFC'))
    .replace(/\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])\s?/g, (_, name: string) => SYMBOLS[name] ?? name)
    .replace(/\\([&%$#_{}])/g, '$1')
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/~/g, '\u00a0');
  out = out.replace(/[{}]/g, '');
  return out.replace(/\s+/g, ' ').trim();
}

export function parseBibtex(source: string): BibEntry[] {
  const entries: BibEntry[] = [];
  const macros: Record<string, string> = {
    jan: 'January', feb: 'February', mar: 'March', apr: 'April', may: 'May', jun: 'June',
    jul: 'July', aug: 'August', sep: 'September', oct: 'October', nov: 'November', dec: 'December',
  };
  let i = 0;
  const lineAt = (pos: number) => source.slice(0, pos).split('\n').length;
  const fail = (msg: string, pos = i): never => {
    throw new BibtexError(`references.bib line ${lineAt(pos)}: ${msg}`);
  };
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i]!)) i++;
  };
  const readIdent = () => {
    const m = /^[^\s,={}()"#%]+/.exec(source.slice(i));
    if (!m) fail('expected a name');
    i += m![0].length;
    return m![0];
  };
  const readBraced = () => {
    const start = i;
    let depth = 0;
    do {
      const ch = source[i++];
      if (ch === undefined) fail('unbalanced braces', start);
      if (ch === '\\') i++;
      else if (ch === '{') depth++;
      else if (ch === '}') depth--;
    } while (depth > 0);
    return source.slice(start + 1, i - 1);
  };
  const readQuoted = () => {
    const start = i++;
    let depth = 0;
    while (source[i] !== '"' || depth > 0) {
      const ch = source[i++];
      if (ch === undefined) fail('unterminated quoted value', start);
      if (ch === '\\') i++;
      else if (ch === '{') depth++;
      else if (ch === '}') depth--;
    }
    i++;
    return source.slice(start + 1, i - 1);
  };
  const readValue = (): string => {
    let value = '';
    for (;;) {
      skipSpace();
      const ch = source[i];
      if (ch === '{') value += readBraced();
      else if (ch === '"') value += readQuoted();
      else if (ch !== undefined && /[0-9]/.test(ch)) value += readIdent();
      else {
        const name = readIdent().toLowerCase();
        if (!(name in macros)) fail(`unknown @string macro "${name}"`);
        value += macros[name];
      }
      skipSpace();
      if (source[i] !== '#') return value;
      i++;
    }
  };

  while (i < source.length) {
    // Between entries everything is commentary; a line starting with % may even mention "@".
    const at = source.slice(i).search(/^[ \t]*@/m);
    if (at < 0) break;
    i += at;
    while (source[i] !== '@') i++;
    i++;
    const type = readIdent().toLowerCase();
    skipSpace();
    const open = source[i];
    if (open !== '{' && open !== '(') fail(`expected "{" after @${type}`);
    const close = open === '{' ? '}' : ')';
    if (type === 'comment' || type === 'preamble') {
      if (open === '{') readBraced();
      else i = source.indexOf(')', i) + 1;
      continue;
    }
    i++;
    skipSpace();
    if (type === 'string') {
      const name = readIdent().toLowerCase();
      skipSpace();
      if (source[i++] !== '=') fail('expected "=" in @string');
      macros[name] = readValue();
      skipSpace();
      if (source[i++] !== close) fail(`expected "${close}" to close @string`);
      continue;
    }
    const entryStart = i;
    const key = readIdent();
    const fields: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (source[i] === ',') i++;
      skipSpace();
      if (source[i] === close) {
        i++;
        break;
      }
      if (i >= source.length) fail(`entry "${key}" is not closed`, entryStart);
      const name = readIdent().toLowerCase();
      skipSpace();
      if (source[i++] !== '=') fail(`expected "=" after field "${name}" in "${key}"`);
      if (name in fields) fail(`field "${name}" appears twice in "${key}"`);
      fields[name] = readValue();
    }
    if (entries.some((e) => e.key === key)) fail(`duplicate key "${key}"`, entryStart);
    entries.push({ key, type, fields });
  }
  return entries;
}
