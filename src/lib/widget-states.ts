/**
 * Checks a figure's opening state (`<Figure widget="…" state={{…}}>`, widgets/runtime/kit/figure-state.ts)
 * against the widget's URL-state schema, as the widget builds it in its default state (widgets/catalog.ts,
 * from the same shipped files). Build time only.
 */
import { DEFAULT_SCHEMAS } from '../../widgets/catalog.ts';
import { figureStateProblems } from '../../widgets/runtime/kit/figure-state.ts';
import type { Schema } from '../../widgets/runtime/url-state.ts';

const built = new Map<string, Schema>();

// Page path → the essay file it renders (the essay page registers it), so that a figure's error names the file.
const essayFiles = new Map<string, string>();

export function setEssayFile(pagePath: string, file: string): void {
  essayFiles.set(pagePath, file);
}

/** The essay file a page renders, or the page's own path where it is not an essay. */
export function sourceOf(pagePath: string): string {
  return essayFiles.get(pagePath) ?? pagePath;
}

function schemaOf(widget: string): Schema | undefined {
  if (!built.has(widget)) {
    const build = Object.hasOwn(DEFAULT_SCHEMAS, widget) ? DEFAULT_SCHEMAS[widget] : undefined;
    if (!build) return undefined;
    built.set(widget, build());
  }
  return built.get(widget);
}

/** What is wrong with `state` for `widget` (null: a figure without a widget), one sentence each; [] if nothing. */
export function widgetStateProblems(widget: string | null, state: unknown, computed: readonly string[] = []): string[] {
  if (widget === null) return ['a state needs a widget: name it with widget="…" (a figure without one has no state)'];
  const schema = schemaOf(widget);
  // An unknown widget name is its own problem (essay-checks.ts); there is no schema to check against.
  if (!schema) return [];
  return figureStateProblems(schema, state, computed);
}
