/**
 * Widgets that can be embedded on their own at /embed/<name>. The embed page renders
 * `component` with figureId '' so the iframe's URL state uses plain parameter names.
 */
import ReceptiveField from './receptive-field/ReceptiveField.astro';

export interface WidgetEntry {
  title: string;
  /** An Astro component taking `{ figureId: string }`. */
  component: typeof ReceptiveField;
  /** Slug of the essay the widget belongs to (content/articles/<article>.mdx). */
  article: string;
  /** The id of its figure in that essay, i.e. its anchor and URL-state namespace there. */
  figureId: string;
  description: string;
}

export const widgets = {
  'receptive-field': {
    title: 'Receptive-field explorer',
    component: ReceptiveField,
    article: 'transformers-are-convnets',
    figureId: 'receptive-field',
    description:
      'Stack convolutions, strided and dilated convolutions, local and global attention, and see which input ' +
      'positions one output depends on: the theoretical receptive field against depth, and the exact cone.',
  },
} as const satisfies Record<string, WidgetEntry>;

export type WidgetName = keyof typeof widgets;

export const widgetNames = Object.keys(widgets) as WidgetName[];

export function isWidgetName(name: unknown): name is WidgetName {
  return typeof name === 'string' && Object.hasOwn(widgets, name);
}

export function getWidget(name: string): WidgetEntry | undefined {
  return isWidgetName(name) ? widgets[name] : undefined;
}
