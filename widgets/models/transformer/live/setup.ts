/**
 * What the two live figures (LiveProbes, LogitLens) need to know about the model files before they
 * load anything: names, sizes and shapes, read from the model card and the probe file at build time
 * and handed to the browser as props. The files are retrained and replaced; nothing here is a
 * constant about the model.
 */
import type { ModelCard } from '../card.ts';
import type { Measurements } from '../measurements.ts';
import type { ProbeFile } from '../probe-file.ts';

export interface LiveSetup {
  /** Tokens the model reads (architecture.context). */
  context: number;
  /** Blocks L: residual layers are 0…L. */
  layers: number;
  dModel: number;
  /** File names under public/models/. */
  files: { model: string; lens: string; tokenizer: string; probes: string };
  /** Sizes in bytes, the progress totals when the server compresses (card.bytes). */
  bytes: { model: number | null; lens: number | null };
  /** Tokens of context the probes were trained with (ProbeFile.min_context). */
  minContext: number;
}

/** The model's name and the lens's name in the shared runtime (one session each per page). */
export const MODEL_NAME = 'transformer';
export const LENS_NAME = 'transformer-lens';

function bytesOf(card: unknown, key: string): number | null {
  const bytes = (card as { bytes?: Record<string, unknown> }).bytes;
  const v = bytes?.[key];
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null;
}

/**
 * `rawCard` is the card's JSON as read (parseModelCard keeps only the fields widgets use, and `bytes`
 * is not one of them).
 */
export function liveSetup(card: ModelCard, rawCard: unknown, probes: ProbeFile): LiveSetup {
  const a = card.architecture;
  return {
    context: a.context,
    layers: a.layers,
    dModel: a.d_model,
    files: {
      model: card.files.model ?? 'transformer.onnx',
      lens: card.files.lens ?? card.lens.file,
      tokenizer: card.files.tokenizer ?? card.tokenizer.file,
      probes: card.files.probes ?? 'transformer-probes.json',
    },
    bytes: { model: bytesOf(rawCard, 'model'), lens: bytesOf(rawCard, 'lens') },
    minContext: probes.min_context,
  };
}

/** A probe's measured validation accuracy by residual layer, and the majority-class baseline. */
export interface ProbeAccuracy {
  perLayer: number[];
  majority: number;
  majorityClass: string;
}

/** The measured accuracies of every probe, from transformer-measurements.json. */
export function probeAccuracies(measurements: Measurements): Record<string, ProbeAccuracy> {
  const out: Record<string, ProbeAccuracy> = {};
  for (const [label, p] of Object.entries(measurements.probes)) {
    out[label] = { perLayer: [...p.per_layer_acc], majority: p.majority, majorityClass: p.majority_class };
  }
  return out;
}
