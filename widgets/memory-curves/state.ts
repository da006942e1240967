/**
 * The memory-curves figure's URL state (keys `<figureId>.<field>`, plain on the embed page):
 *   view          context | forgetting | attention | recall   the context ablation, the forgetting probe, attention to
 *                 the fact, recall of models trained where it pays
 *   perturbation  drop | shuffle | replace           what happens to the context beyond d (context view)
 *   task          pronoun | recall | import          which long-range task (attention and recall views)
 * Invalid values fall back to the default, silently (widgets/runtime/url-state.ts).
 */
import { enumField, type StateOf } from '../runtime/url-state.ts';
import { PERTURBATIONS, type Perturbation } from '../models/memory/context.ts';
import { TASKS, type TaskName } from '../runtime/memory-tasks/index.ts';

export const VIEWS = ['context', 'forgetting', 'attention', 'recall'] as const;
export type MemoryView = (typeof VIEWS)[number];

export const VIEW_LABELS: Record<MemoryView, string> = {
  context: 'Context use',
  forgetting: 'Forgetting probe',
  attention: 'Attention to the fact',
  recall: 'Recall, trained for it',
};

export const PERTURBATION_LABELS: Record<Perturbation, string> = {
  drop: 'dropped',
  shuffle: 'shuffled',
  replace: 'replaced',
};

export const TASK_LABELS: Record<TaskName, string> = {
  pronoun: 'name → pronoun',
  recall: 'key → value',
  import: 'import → use',
};

export interface MemoryDefaults {
  view?: MemoryView;
  perturbation?: Perturbation;
  task?: TaskName;
}

const pick = <T extends string>(values: readonly T[], v: T | undefined, fallback: T): T => (v && values.includes(v) ? v : fallback);

export function memoryCurvesSchema(defaults: MemoryDefaults = {}) {
  return {
    view: enumField(VIEWS, pick(VIEWS, defaults.view, 'context')),
    perturbation: enumField(PERTURBATIONS, pick(PERTURBATIONS, defaults.perturbation, 'drop')),
    task: enumField(TASKS, pick(TASKS, defaults.task, 'pronoun')),
  };
}

export type MemoryCurvesState = StateOf<ReturnType<typeof memoryCurvesSchema>>;
