import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type BibEntry, latexToUnicode, parseBibtex } from './bibtex.ts';

const BIBLIOGRAPHY_PATH = 'content/references.bib';

export interface Reference {
  key: string;
  authors: string[];
  /** "Vaswani et al., 2017" — the short form used in hover previews and accessible names. */
  short: string;
  title: string;
  venue: string;
  year: string;
  url?: string;
}

interface Cache {
  mtimeMs: number;
  refs: Map<string, Reference>;
}
const cache = new Map<string, Cache>();

/** Reads and formats the bibliography; re-reads it when the file changes (dev server edits). */
export function loadReferences(path = BIBLIOGRAPHY_PATH): Map<string, Reference> {
  const file = resolve(path);
  const { mtimeMs } = statSync(file);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.refs;
  const refs = new Map(parseBibtex(readFileSync(file, 'utf8')).map((e) => [e.key, toReference(e)] as const));
  cache.set(file, { mtimeMs, refs });
  return refs;
}

interface Person {
  given: string;
  family: string;
}

/** BibTeX names: "Family, Given" or "Given Family"; a lower-case particle ("van den") belongs to the family name. */
function splitAuthors(field: string): Person[] {
  return field
    .split(/\s+and\s+/)
    .map((name) => latexToUnicode(name))
    .filter(Boolean)
    .map((name) => {
      const comma = name.indexOf(',');
      if (comma >= 0) return { family: name.slice(0, comma).trim(), given: name.slice(comma + 1).trim() };
      const words = name.split(' ');
      let start = words.length - 1;
      while (start > 1 && /^\p{Ll}/u.test(words[start - 1]!)) start--;
      if (start === 1 && words.length > 2 && /^\p{Ll}/u.test(words[0]!)) start = 0;
      return { given: words.slice(0, start).join(' '), family: words.slice(start).join(' ') };
    });
}

const fullName = (p: Person) => (p.given ? `${p.given} ${p.family}` : p.family);

export function toReference(entry: BibEntry): Reference {
  const f = entry.fields;
  const people = splitAuthors(f.author ?? f.editor ?? '');
  const authors = people.map(fullName);
  const year = latexToUnicode(f.year ?? 'n.d.');
  const names =
    authors.length === 0
      ? latexToUnicode(f.organization ?? f.publisher ?? 'Anonymous')
      : people.length === 1
        ? people[0]!.family
        : people.length === 2
          ? `${people[0]!.family} & ${people[1]!.family}`
          : `${people[0]!.family} et al.`;
  const venue = latexToUnicode(
    f.journal ?? f.booktitle ?? f.howpublished ?? f.publisher ?? f.school ?? f.institution ?? (f.eprint ? `arXiv:${f.eprint}` : ''),
  );
  const url = f.url ?? (f.doi ? `https://doi.org/${f.doi}` : f.eprint ? `https://arxiv.org/abs/${f.eprint}` : undefined);
  return {
    key: entry.key,
    authors,
    short: `${names}, ${year}`,
    title: latexToUnicode(f.title ?? entry.key),
    venue,
    year,
    url: url && /^https?:\/\//.test(url) ? url : undefined,
  };
}

/** "A, B, and C" — long author lists keep the first six, then "et al.". */
export function formatAuthorList(authors: string[]): string {
  if (authors.length > 6) return `${authors.slice(0, 6).join(', ')}, et al.`;
  if (authors.length <= 2) return authors.join(' and ');
  return `${authors.slice(0, -1).join(', ')}, and ${authors[authors.length - 1]}`;
}
