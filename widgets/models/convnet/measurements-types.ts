/**
 * The shape of convnet-measurements.json (models/convnet/MEASUREMENTS.md), as the site reads it: the
 * convnet's layer-1 kernels, each channel's top val patches, its selectivity against the drawings' labels,
 * and theoretical and effective receptive fields. measurements.ts validates a file into these types.
 */

export const FAMILIES = ['orientation', 'shape', 'part', 'class'] as const;
export type Family = (typeof FAMILIES)[number];
/** NMI keys: the four families, part beyond class, and class from the channel's top unit per image. */
export const NMI_KEYS = [...FAMILIES, 'part_given_class', 'class_image'] as const;
export type NmiKey = (typeof NMI_KEYS)[number];

/** A box [x0, y0, w, h] in pixels. */
export type Box = [number, number, number, number];

export interface Patch {
  /** Index of the val image. */
  image: number;
  /** The unit's position in its block's map. */
  x: number;
  y: number;
  activation: number;
  /** Ink bounding box inside the rf × rf receptive-field window (window corner = (0, 0)). */
  box: Box;
  /** Ink 0–255 of the box, row-major, box w·h bytes. */
  pixels: Uint8Array;
}

export interface BlockPatches {
  block: number;
  rf: number;
  jump: number;
  /** Per channel, its top patches, strongest first, each from a different image. */
  channels: Patch[][];
}

export interface SelectivityBlock {
  /** Per family, per channel: lift per label (null where the label never occurs); null for a dead channel. */
  lift: Record<Exclude<Family, 'part'>, ((number | null)[] | null)[]>;
  /** Per family, per channel: index of the label of largest lift (null for a dead channel). */
  best: Record<Family, (number | null)[]>;
  bestLift: Record<Family, (number | null)[]>;
  /** Per key, per channel: I(activation; label) / H(label). */
  nmi: Record<NmiKey, number[]>;
  /** Per channel: the family of largest NMI (null for a dead channel). */
  bestFamily: (Family | null)[];
  /** Per channel: the family of largest NMI over the block's mean NMI at initialisation. */
  bestFamilyRise: (Family | null)[];
  summary: TrainedSummary;
}

export interface SelectivitySummary {
  channels: number;
  dead: number;
  meanNmi: Record<NmiKey, number>;
  maxNmi: Record<NmiKey, number>;
  /** Share of live channels whose best family is each family. */
  bestFamilyShare: Record<Family, number>;
}

export interface TrainedSummary extends SelectivitySummary {
  /** Mean NMI over its value for the same block at initialisation, per key (null where that was 0). */
  rise: Record<NmiKey, number | null>;
  /** The lowest and highest of that rise over every untrained network measured (the training's own
   * initialisation and the others): the rise read against the spread of random networks. */
  riseRange: Record<NmiKey, [number, number] | null>;
  bestFamilyRiseShare: Record<Family, number>;
}

export interface ErfMap {
  /** Mean |∂y/∂x| over the input, 32 × 32 row-major (zero outside the stored box). */
  map: Float32Array;
  box: Box;
  /** Centroid (pixel-centre coordinates) and the isotropic Gaussian σ from second moments, in pixels. */
  x: number;
  y: number;
  sigma: number;
}

export interface ErfSet {
  val: ErfMap[];
  random: ErfMap[];
  valSigmaRatio: number[];
  randomSigmaRatio: number[];
}

/** σ of the effective field of each block's centre unit at one training checkpoint, with its 95 % bootstrap
 * interval over the images (epoch 0 = initialisation). */
export interface ErfCheckpoint {
  epoch: number;
  sigma: number[];
  low: number[];
  high: number[];
}

/** Per block, channels whose top val images all come from one class: trained, and for each untrained network. */
export interface TopPurity {
  top: number;
  trained: number[];
  inits: number[][];
  channels: number[];
}

/** σ of the effective field of each block's centre unit on the val inputs, with its 95 % bootstrap interval. */
export interface ErfInterval {
  sigma: number[];
  low: number[];
  high: number[];
}

/** One block of the second trained network: its summary (rise over its own initialisation, range over every
 * untrained network) and each channel's best label and lift per family. */
export interface SecondBlock {
  summary: TrainedSummary;
  best: Record<Family, (number | null)[]>;
  bestLift: Record<Family, (number | null)[]>;
}

/** The same network trained again from another initialisation (same data, data order and shifts), measured
 * as the first, so that a finding can be told from one initialisation's accident. */
export interface SecondNetwork {
  checkpointSha256: string;
  /** What the checkpoint saved besides its weights (seed, init_seed, epoch). */
  checkpoint: Record<string, unknown>;
  /** Which untrained network (index into selectivity.initSummaries) it started from; null if none of them. */
  initIndex: number | null;
  valAccuracy: number;
  valLoss: number;
  valCleanAccuracy: number | null;
  cpuSeconds: number | null;
  blocks: SecondBlock[];
  /** Per block, its channels whose top val images all come from one class (as selectivity.topPurity.trained). */
  topPurity: number[];
  /** The effective field before and after its training. */
  erf: { init: ErfInterval; trained: ErfInterval };
}

export interface ConvnetMeasurements {
  meta: {
    checkpointSha256: string;
    initSha256: string;
    /** What the checkpoint saved besides its weights (config, seed, epoch). */
    checkpoint: Record<string, unknown>;
    valCount: number;
    parts: string[];
    classes: string[];
    /** Shape names, index = shape label − 1: straight, corner, curve, end. */
    shapes: string[];
    orientationBins: number;
    erfImages: number;
    top: number;
  };
  /** Layer-1 kernels [16][3][3] and biases [16]. */
  kernels: { weight: number[][][]; bias: number[] };
  topPatches: BlockPatches[];
  /** initSummary: the same network at initialisation; otherInitSummary: another random initialisation (the
   * spread between two random networks, against which a rise over init is read). */
  selectivity: {
    blocks: SelectivityBlock[];
    initSummary: SelectivitySummary[];
    otherInitSummary: SelectivitySummary[];
    /** Every untrained network measured, the training's own initialisation first: [network][block]. */
    initSummaries: SelectivitySummary[][];
    topPurity: TopPurity;
  };
  receptiveFields: {
    rf: number[];
    jump: number[];
    centreUnit: number[];
    init: ErfSet;
    trained: ErfSet;
    plainInit: ErfSet & { rf: number[]; inits: number };
    sqrtDepth: number[];
    /** The effective field across training, initialisation (epoch 0) to the final weights. */
    training: ErfCheckpoint[];
  };
  second: SecondNetwork;
}
