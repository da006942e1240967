/**
 * What a figure says next to "Copy link" when its link cannot carry everything on screen: a link stays
 * under about 8 KB (url-state.ts LINK_BYTES), so a very long text or a very large drawing is shortened
 * in the link, never on screen. And a figure opened from such a link says that it was. Pure words here
 * (tested in Node), plus `publishLinkNote`, which writes them into the page's `[data-link-note]`
 * element for that figure (Figure.astro, the embed page); the figure's "Link copied." repeats it.
 */

/** How the note names a field's content; other fields go by their own names. */
const FIELD_WORDS: Record<string, string> = { text: 'text', sketch: 'drawing' };

export interface LinkNoteInput {
  /** Fields the link shortens now, each with its clause ("it keeps the first 2,310 of 9,000 characters of the text"). */
  shortened: readonly { name: string; note: string }[];
  /** Fields that came shortened from the link this page was opened with, and are unchanged since. */
  openedCut: readonly string[];
  /** A sentence the figure adds about the shortened link (what its model would read from it), or ''. */
  detail?: string;
}

export function linkNote({ shortened, openedCut, detail = '' }: LinkNoteInput): string {
  const parts: string[] = [];
  const fresh = openedCut.filter((name) => !shortened.some((s) => s.name === name));
  if (fresh.length > 0) {
    const what = fresh.map((name) => `the ${FIELD_WORDS[name] ?? name}`).join(' and ');
    parts.push(`Opened from a shortened link: ${what} shown here is only the part that fit in the link.`);
  }
  if (shortened.length > 0) {
    const clauses = shortened.map((s) => s.note).join('; ');
    parts.push(`The link to this figure is shortened (links stay under 8 KB): ${clauses}.`);
    if (detail) parts.push(detail);
  }
  return parts.join(' ');
}

/** Writes `note` into the element that shows it for figure `namespace` ('' on an embed page); hides it when ''. */
export function publishLinkNote(namespace: string, note: string): void {
  if (typeof document === 'undefined') return;
  for (const element of document.querySelectorAll<HTMLElement>('[data-link-note]')) {
    if (element.dataset.linkNote !== namespace) continue;
    if (element.textContent !== note) element.textContent = note;
    element.hidden = note === '';
  }
}
