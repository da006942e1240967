/**
 * Mistakes in an essay that would otherwise pass the build silently, reported with the file and line so that a
 * contributor can act on them. Pure TS: the remark plugin (remark-essay-checks.ts) collects what it finds while
 * MDX compiles; the essay page and the article list call these checks with the registry and the collection.
 */

/** A <Figure> as written in an essay. */
export interface FigureUse {
  id: string;
  widget: string | null;
  line: number;
  column: number;
  /** `figureId` props of the elements inside the figure (the widget's state namespace), with their lines. */
  inner: { name: string; figureId: string; line: number }[];
  /**
   * Its `state={{…}}` attribute (the opening state, widgets/runtime/kit/figure-state.ts): the fields whose
   * values are written in the essay, and the names of those it computes (checked when the page renders,
   * Figure.astro), or why it could not be read; absent when the figure has none.
   */
  state?: { value: Record<string, unknown>; computed: string[] } | { unreadable: string };
}

/** A state's problems for a widget (src/lib/widget-states.ts), one sentence each. */
export type StateCheck = (widget: string | null, state: unknown, computed: readonly string[]) => string[];

/** Problems with an essay's figures, each "file:line:column: message"; [] when all is well. */
export function figureProblems(file: string, figures: readonly FigureUse[], widgetKeys: readonly string[], stateCheck?: StateCheck): string[] {
  const problems: string[] = [];
  const firstLine = new Map<string, number>();
  for (const f of figures) {
    const at = `${file}:${f.line}:${f.column}`;
    if (f.widget !== null && !widgetKeys.includes(f.widget)) {
      problems.push(
        `${at}: <Figure id="${f.id}" widget="${f.widget}">: no widget is registered as "${f.widget}" (its embed code would point to a page that does not exist). Registered widgets: ${widgetKeys.join(', ')} (widgets/registry.ts).`,
      );
    }
    if (f.state && 'unreadable' in f.state) {
      problems.push(`${at}: <Figure id="${f.id}"> state: ${f.state.unreadable}`);
    } else if (f.state && stateCheck) {
      for (const p of stateCheck(f.widget, f.state.value, f.state.computed)) problems.push(`${at}: <Figure id="${f.id}"${f.widget ? ` widget="${f.widget}"` : ''}>: ${p} (see /widgets/ for each widget's fields).`);
    }
    const earlier = firstLine.get(f.id);
    if (earlier !== undefined) {
      problems.push(
        `${at}: a second <Figure id="${f.id}"> on this page (the first is on line ${earlier}): two figures would share one anchor and one URL-state namespace. Give each figure its own id.`,
      );
    } else firstLine.set(f.id, f.line);
    for (const inner of f.inner) {
      if (inner.figureId !== f.id) {
        problems.push(
          `${file}:${inner.line}: <${inner.name} figureId="${inner.figureId}"> inside <Figure id="${f.id}">: the two must match (the figure's id is its state's namespace in the URL).`,
        );
      }
    }
  }
  return problems;
}

export interface SeriesEntry {
  /** The file, e.g. content/articles/why-stack-layers.mdx. */
  file: string;
  series: number;
}

/** Two essays with the same `series` number: "series N is used by a.mdx and b.mdx"; [] when all differ. */
export function seriesProblems(entries: readonly SeriesEntry[]): string[] {
  const byNumber = new Map<number, string[]>();
  for (const e of entries) byNumber.set(e.series, [...(byNumber.get(e.series) ?? []), e.file]);
  return [...byNumber]
    .filter(([, files]) => files.length > 1)
    .sort((a, b) => a[0] - b[0])
    .map(([n, files]) => `series: ${n} is used by ${files.sort().join(' and ')}: each essay needs its own place in the series (the next free one is ${Math.max(...entries.map((e) => e.series)) + 1}).`);
}

/** Throws one Error listing every problem, if there are any. */
export function failOn(problems: readonly string[], what: string): void {
  if (problems.length) throw new Error(`${what}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}
