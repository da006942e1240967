/**
 * The one reader of the model factory's files at build time (Node only: it imports node:fs, so only .astro
 * frontmatter, Node code run at build time, tests and benchmarks may import it; the browser fetches the same
 * files by URL through runtime/ort/model-url.ts).
 *
 * Two folders, both written by the factory (models/README.md):
 *   public/models/   the shipped artifacts, served with the site (cards, ONNX graphs, tokenizer, measurements)
 *   models/fixtures/ test fixtures (inputs and torch outputs of the exports), committed but never served
 *
 * Paths never depend on the working directory: the root is the nearest folder at or above this module that holds
 * package.json. That holds where the file runs from source (vitest, `node` scripts: widgets/models/) and where
 * `astro build` has bundled it into a chunk under dist/ (import.meta.url then points there, still inside the
 * project). `repoRoot()` below is the only place that decides this.
 *
 * Typed readers validate with the same parsers the browser uses (parseModelCard, parseConvnetCard, …), so a
 * malformed file fails the build with a message naming the file and the field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConvnetCard, type ConvnetCard } from './convnet/card.ts';
import { parseConvnetMeasurements, type ConvnetMeasurements } from './convnet/measurements.ts';
import { parseModelCard, type ModelCard } from './transformer/card.ts';
import { parseMeasurements, type Measurements } from './transformer/measurements.ts';
import { parseProbeFile, type ProbeFile } from './transformer/probe-file.ts';
import { parseTransformerDezoom, type TransformerDezoom } from './transformer/dezoom.ts';
import { BpeTokenizer } from '../runtime/tokenizer/index.ts';
import { parseFillerSet, type FillerSet } from '../runtime/memory-tasks/filler.ts';
import { parseMemoryContext, type MemoryContext } from './memory/context.ts';
import { parseForgetting, type Forgetting } from './memory/forgetting.ts';
import { parseRecall, type RecallFile } from './memory/recall.ts';
import { parseAttention, type AttentionFile } from './memory/attention.ts';

function repoRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`artifacts: no package.json at or above ${start}`);
  }
}

/** The repository root (absolute). */
export const ROOT = repoRoot();
/** public/models/, the shipped artifacts (absolute). */
export const ARTIFACTS_DIR = join(ROOT, 'public', 'models');
/** models/fixtures/, the exports' test fixtures, not served (absolute). */
export const FIXTURES_DIR = join(ROOT, 'models', 'fixtures');

/** Absolute path of a shipped artifact, by its file name (the names the model cards list under `files`). */
export function artifactPath(name: string): string {
  return join(ARTIFACTS_DIR, name);
}

export function hasArtifact(name: string): boolean {
  return existsSync(artifactPath(name));
}

export function readArtifactBytes(name: string): Buffer<ArrayBuffer> {
  return readFileSync(artifactPath(name));
}

export function readArtifactText(name: string): string {
  return readFileSync(artifactPath(name), 'utf8');
}

/** The parsed JSON of a shipped artifact, unvalidated: prefer a typed reader below. */
export function readArtifactJson(name: string): unknown {
  return JSON.parse(readArtifactText(name));
}

/** Absolute path of a test fixture (models/fixtures/), by its file name. */
export function fixturePath(name: string): string {
  return join(FIXTURES_DIR, name);
}

export function readFixtureJson(name: string): unknown {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8'));
}

// Typed readers: the same validation the browser applies.

export const TRANSFORMER_CARD = 'transformer.json';
export const CONVNET_CARD = 'convnet.json';

/** public/models/transformer.json, validated (widgets/models/transformer/card.ts). */
export function readTransformerCard(): ModelCard {
  return parseModelCard(readArtifactJson(TRANSFORMER_CARD), TRANSFORMER_CARD);
}

/** The BPE tokenizer (default tokenizer.json; the card names it under files.tokenizer). */
export function readTokenizer(name = 'tokenizer.json'): BpeTokenizer {
  return BpeTokenizer.fromJSON(readArtifactJson(name));
}

/** public/models/transformer-measurements.json (or the card's files.measurements), validated. */
export function readTransformerMeasurements(name = 'transformer-measurements.json'): Measurements {
  return parseMeasurements(readArtifactJson(name), name);
}

/** public/models/transformer-probes.json (or the card's files.probes), validated. */
export function readProbeFile(name = 'transformer-probes.json'): ProbeFile {
  return parseProbeFile(readArtifactJson(name), name);
}

/** public/models/convnet.json, validated against the widget's contract (widgets/models/convnet/card.ts). */
export function readConvnetCard(): ConvnetCard {
  return parseConvnetCard(readArtifactJson(CONVNET_CARD), CONVNET_CARD);
}

/** public/models/convnet-measurements.json, validated and decoded. */
export function readConvnetMeasurements(name = 'convnet-measurements.json'): ConvnetMeasurements {
  return parseConvnetMeasurements(readArtifactJson(name), name);
}

/** public/models/transformer-dezoom.json: the ladder's dezoom measurements on the Brown model (models/transformer/measure_dezoom.py), validated. */
export function readTransformerDezoom(name = 'transformer-dezoom.json'): TransformerDezoom {
  return parseTransformerDezoom(readArtifactJson(name), name);
}

/** public/models/memory-filler.json: the long-range tasks' filler sentences (widgets/runtime/memory-tasks/), validated. */
export function readMemoryFiller(name = 'memory-filler.json'): FillerSet {
  return parseFillerSet(readArtifactJson(name));
}

/** public/models/memory-context.json: how much of its context each model uses (models/memory/context.py), validated. */
export function readMemoryContext(name = 'memory-context.json'): MemoryContext {
  return parseMemoryContext(readArtifactJson(name), name);
}

/** public/models/memory-forgetting.json: the forgetting curve, a probe per distance (models/memory/forgetting.py), validated. */
export function readForgetting(name = 'memory-forgetting.json'): Forgetting {
  return parseForgetting(readArtifactJson(name), name);
}

/** public/models/memory-recall.json: recall accuracy against distance on the long-range tasks (models/memory/recall.py), validated. */
export function readRecall(name = 'memory-recall.json'): RecallFile {
  return parseRecall(readArtifactJson(name), name);
}

/** public/models/memory-attention.json: the transformer's attention to the fact on the task set (models/memory/attention.py), validated. */
export function readAttention(name = 'memory-attention.json'): AttentionFile {
  return parseAttention(readArtifactJson(name), name);
}
