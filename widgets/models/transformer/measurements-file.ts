/**
 * Build-time (Node) reader of public/models/transformer-measurements.json for the dezoom charts'
 * server entries and tests, through widgets/models/artifacts.ts (node:fs), so only .astro frontmatter
 * and tests may import it; the views get the prepared data as props.
 */
import { readTransformerMeasurements } from '../artifacts.ts';
import type { Measurements } from './measurements.ts';

/** Reads and validates the shipped measurements file. */
export function loadMeasurements(): Measurements {
  return readTransformerMeasurements();
}
