/**
 * Reads the scaling logs the factory ships in public/models/scaling/ (Node only: server entries, the essay's
 * numbers, tests). The browser never fetches them: the server entries pass the prepared data as props.
 */
import { hasArtifact, readArtifactJson } from '../artifacts.ts';
import { parseScaling, type ScalingData } from './logs.ts';

export const SCALING_FILES = {
  ngram: 'scaling/ngram.json',
  clever: 'scaling/clever.json',
  transformer: 'scaling/transformer.json',
  fits: 'scaling/fits.json',
  confusion: 'scaling/confusion.json',
  /** The shipped transformer answering the confusion sets (step confusion-lm-log). */
  confusionLm: 'scaling/confusion-lm.json',
} as const;

export function loadScaling(): ScalingData {
  return parseScaling({
    ngram: readArtifactJson(SCALING_FILES.ngram),
    clever: hasArtifact(SCALING_FILES.clever) ? readArtifactJson(SCALING_FILES.clever) : { runs: [] },
    transformer: readArtifactJson(SCALING_FILES.transformer),
    fits: readArtifactJson(SCALING_FILES.fits),
  });
}

export function loadConfusionLogs(): { confusion: unknown; fits: unknown; lm: unknown } {
  return {
    confusion: readArtifactJson(SCALING_FILES.confusion),
    fits: readArtifactJson(SCALING_FILES.fits),
    lm: hasArtifact(SCALING_FILES.confusionLm) ? readArtifactJson(SCALING_FILES.confusionLm) : null,
  };
}
