/**
 * Build-time (Node) reader of public/models/transformer-measurements.json for the dezoom charts'
 * server entries and tests. Imports node:fs, so only .astro frontmatter and tests may import it; the
 * views get the prepared data as props.
 */
import { readFileSync } from 'node:fs';
import { parseMeasurements, type Measurements } from './measurements.ts';

const MEASUREMENTS_FILE = 'public/models/transformer-measurements.json';

/** Reads and validates the measurements file (paths relative to the project root, where builds run). */
export function loadMeasurements(path: string = MEASUREMENTS_FILE): Measurements {
  return parseMeasurements(JSON.parse(readFileSync(path, 'utf8')), 'transformer-measurements.json');
}
