/**
 * Short definitions of the terms the essays and their figures use, shown on hover and focus (the prose's
 * <Term> in src/components/Term.astro; a figure can import the same text). One sentence or two each, in the
 * series' own words, matching how the essays use the term; no numbers (those live in the essays, measured).
 */
export const GLOSSARY = {
  nats: 'A unit of information, like bits but with natural logarithms: one nat is about 1.44 bits.',
  entropy:
    'How spread out a distribution is, in nats: 0 when all the weight is on one item, ln n when it is spread evenly over n items.',
  kl: 'Kullback–Leibler divergence: how many extra nats it costs to describe what one distribution predicts using another; 0 when they agree.',
  selectivity:
    'A probe’s accuracy on the real labels minus its accuracy on a control task with random labels: the part of the accuracy that comes from the vectors, not from the probe memorising.',
  'expected layer':
    'Where in depth a property appears: the average layer, each layer weighted by how much accuracy it adds over the one below (Tenney and colleagues).',
  tau: 'τ, the pixel threshold of the level-of-detail cut: a merged splat is drawn in place of its children once it is smaller than τ pixels on screen.',
  'receptive field': 'The input positions that can influence one output of a layer.',
  softmax: 'Turns a list of scores into positive weights that sum to one: each score s becomes e^s divided by the sum of e^s over the list.',
  'residual stream': 'The column of vectors, one per token, that every layer reads and adds its output back to.',
} as const;

export type GlossaryKey = keyof typeof GLOSSARY;

export function isGlossaryKey(key: string): key is GlossaryKey {
  return Object.hasOwn(GLOSSARY, key);
}
