/**
 * Published numbers the dezoom charts put beside our own measurements. Only numbers from papers live
 * here (never our measurements, which are read from public/models/transformer-measurements.json at
 * build time); each block names its source, its citation key in content/references.bib, and how
 * sure we are of the transcription (see /research/literature.md in the design notes: ✔ checked
 * against the paper, ⚠ transcribed from the paper's figure but not re-verified since).
 */

interface TenneyTask {
  /** Short id, stable for URLs and tests. */
  id: 'pos' | 'consts' | 'deps' | 'entities' | 'srl' | 'coref';
  /** The task as the paper names it. */
  name: string;
  /** Short form for narrow charts. */
  short: string;
  /** E[ℓ] from the paper's cumulative scoring, on BERT-large's 24 layers (0 = embeddings). */
  expectedLayer: number;
  /** Our probe label that measures the same kind of thing, where there is one. */
  ours: string | null;
}

/**
 * Tenney, Das & Pavlick (2019), "BERT Rediscovers the Classical NLP Pipeline", ACL 2019
 * (citation key `tenney2019bert`). Figure 1 of the paper lists, per edge-probing task, the expected
 * layer E[ℓ] = Σ ℓ·Δ(ℓ) / Σ Δ(ℓ) computed from the differential scores Δ(ℓ) of cumulative scoring on
 * BERT-large (24 layers). Transcribed from that figure (marked ⚠ in the research notes: not
 * re-checked against the PDF since). The paper's headline order is POS → constituents →
 * dependencies → semantic roles → coreference; by these numbers entities (4.64) fall between
 * constituents and dependencies.
 */
export const TENNEY_2019 = {
  citation: 'tenney2019bert',
  authors: 'Tenney et al. (2019)',
  model: 'BERT-large',
  layers: 24,
  /** In the order the paper lists them (its Figure 1). */
  tasks: [
    { id: 'pos', name: 'Part of speech', short: 'POS', expectedLayer: 3.39, ours: 'upos' },
    { id: 'consts', name: 'Constituents', short: 'Consts.', expectedLayer: 3.79, ours: 'chunk' },
    { id: 'deps', name: 'Dependencies', short: 'Deps.', expectedLayer: 5.69, ours: null },
    { id: 'entities', name: 'Entities', short: 'Entities', expectedLayer: 4.64, ours: null },
    { id: 'srl', name: 'Semantic roles', short: 'SRL', expectedLayer: 6.54, ours: null },
    { id: 'coref', name: 'Coreference', short: 'Coref.', expectedLayer: 9.47, ours: null },
  ] satisfies TenneyTask[],
} as const;

/**
 * Vig & Belinkov (2019), "Analyzing the Structure of Attention in a Transformer Language Model",
 * BlackboxNLP (citation key `vig2019analyzing`), on GPT-2 small (12 layers × 12 heads), their
 * Figure 11 and text (✔ in the research notes). Layers and heads are 0-based there ("L5H1").
 */
export const VIG_BELINKOV_2019 = {
  citation: 'vig2019analyzing',
  authors: 'Vig & Belinkov (2019)',
  model: 'GPT-2 small',
  layers: 12,
  /** Mean attention distance is largest in the deepest layers, but U-shaped: layers 0–1 exceed 2–4. */
  shape: 'U-shaped, deepest layers farthest',
  /** Standard deviation of the heads' mean distances, in tokens. */
  sdOverHeads: 3.6,
  /** The farthest-looking head and its mean distance, in tokens. */
  maxHead: { layer: 5, head: 1, distance: 14.2 },
  /** Pearson correlation of mean distance and entropy across heads. */
  distanceEntropyR: 0.61,
  /** Share of attention on the first token ("null attention"). */
  firstTokenShare: 0.57,
} as const;
