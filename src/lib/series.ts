/**
 * The series as a reader walks it: seven parts in order, the written essays linked, the ones not yet
 * written listed as "coming" with no link (a link to a page that does not exist would be a broken link).
 * Pure TS (no Astro modules), so the ordering rules are unit-tested.
 */
export const SERIES_LENGTH = 7;

/** What a part needs for navigation and the home page's card. */
export interface SeriesPart {
  part: number;
  title: string;
  /** The essay's path; absent for a part that is not written yet. */
  href?: string;
  /** One line: the essay's result (written parts) or the question it will test (coming parts). */
  line: string;
  /** The Open Graph image, used as the card's thumbnail; written parts only. */
  image?: string;
}

/** Parts planned in the series' design but not written yet: shown as "coming", never linked. */
export const COMING_PARTS: readonly Omit<SeriesPart, 'href' | 'image'>[] = [
  {
    part: 6,
    title: 'Remembering the cat',
    line: 'Will test how much an LSTM’s fixed-size state forgets of a long text that attention keeps in its window.',
  },
  {
    part: 7,
    title: 'The bitter lesson at toy scale',
    line: 'Will test, at a size you can rerun, whether simple models that scale with data overtake clever small ones.',
  },
];

export interface WrittenEssay {
  id: string;
  part: number;
  title: string;
  /** The one-line result (frontmatter `result`), or the description when an essay has none. */
  line: string;
}

/**
 * All parts 1…SERIES_LENGTH: written essays first claim their number, a coming part fills a number no essay
 * took. A number nobody fills is left out, and two essays with one number keep both (in title order), so a
 * mistake in frontmatter shows on the page rather than hiding an essay.
 */
export function seriesParts(
  essays: readonly WrittenEssay[],
  paths: { essay(id: string): string; image(id: string): string },
): SeriesPart[] {
  const written: SeriesPart[] = essays.map((e) => ({
    part: e.part,
    title: e.title,
    href: paths.essay(e.id),
    line: e.line,
    image: paths.image(e.id),
  }));
  const taken = new Set(written.map((p) => p.part));
  const coming = COMING_PARTS.filter((p) => !taken.has(p.part)).map((p) => ({ ...p }));
  return [...written, ...coming].sort((a, b) => a.part - b.part || a.title.localeCompare(b.title));
}

/** The parts before and after `part` in reading order (a coming neighbour has no href). */
export function neighbours(parts: readonly SeriesPart[], href: string): { index: number; previous?: SeriesPart; next?: SeriesPart } {
  const index = parts.findIndex((p) => p.href === href);
  if (index < 0) return { index };
  return { index, previous: parts[index - 1], next: parts[index + 1] };
}

/** "Part 2 of 7". */
export function partLabel(part: number, total: number = SERIES_LENGTH): string {
  return `Part ${part} of ${Math.max(total, part)}`;
}
