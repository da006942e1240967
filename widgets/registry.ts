/**
 * Widgets that can be embedded on their own at /embed/<name>. The embed page renders
 * `component` with figureId '' so the iframe's URL state uses plain parameter names.
 */
import Attention from './attention/Attention.astro';
import AttentionReach from './attention-reach/AttentionReach.astro';
import Budget from './budget/Budget.astro';
import ConfusionCurves from './confusion-curves/ConfusionCurves.astro';
import Convnet from './convnet/Convnet.astro';
import DezoomMap from './dezoom-map/DezoomMap.astro';
import LadderLive from './ladder-live/LadderLive.astro';
import LiveProbes from './live-probes/LiveProbes.astro';
import LogitLens from './logit-lens/LogitLens.astro';
import MemoryCurves from './memory-curves/MemoryCurves.astro';
import MemoryRace from './memory-race/MemoryRace.astro';
import ProbeAccuracy from './probe-accuracy/ProbeAccuracy.astro';
import ReceptiveField from './receptive-field/ReceptiveField.astro';
import ScalingLaws from './scaling-laws/ScalingLaws.astro';
import SplatHierarchy from './splats/SplatHierarchy.astro';
import Tokenizer from './tokenizer/Tokenizer.astro';

interface WidgetEntry {
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
  tokenizer: {
    title: 'Tokenizer view',
    component: Tokenizer,
    article: 'attention-hands-on',
    figureId: 'tokens',
    description:
      'Type any text and see the byte-level BPE pieces the transformer reads, with their ids, which pieces start ' +
      'a word, and what is cut when the text is longer than the model’s 128-token context.',
  },
  attention: {
    title: 'Attention explorer',
    component: Attention,
    article: 'attention-hands-on',
    figureId: 'attention',
    description:
      'A small transformer reads your text in your browser. See every head’s attention as a heatmap and as arcs, ' +
      'and one query’s scores, softmax and weighted values step by step.',
  },
  'probe-accuracy': {
    title: 'Probe accuracy by layer',
    component: ProbeAccuracy,
    article: 'why-stack-layers',
    figureId: 'probes',
    description:
      'How well a linear probe reads word pieces, parts of speech, phrases, sentence position and genre from each ' +
      'layer of the model, against a control task, with the expected layer of each.',
  },
  'live-probes': {
    title: 'Probes on your text',
    component: LiveProbes,
    article: 'why-stack-layers',
    figureId: 'probes-live',
    description:
      'The layer probes applied to your own text: what each layer guesses each word is, and how the guess sharpens ' +
      'with depth.',
  },
  'dezoom-map': {
    title: 'The dezoom map',
    component: DezoomMap,
    article: 'why-stack-layers',
    figureId: 'dezoom-map',
    description:
      'Transformers of depth 1 to 6 trained on a generated language with a known hierarchy: where a span probe gains ' +
      'over the embeddings, by layer and span length, how far back each layer depends on the text, and which depth ' +
      'solves which scale.',
  },
  'ladder-live': {
    title: 'The ladder, live',
    component: LadderLive,
    article: 'why-stack-layers',
    figureId: 'ladder-live',
    description:
      'The depth-3 model of the ladder reads a generated document, or your edit of it, in your browser: at every ' +
      'layer, linear probes say what it knows at each scale (pieces joined, agreement, antecedent, document property).',
  },
  'attention-reach': {
    title: 'Attention reach by depth',
    component: AttentionReach,
    article: 'why-stack-layers',
    figureId: 'reach',
    description:
      'Mean attention distance of every head by layer, against uniform attention and against the receptive field ' +
      'of a stack of convolutions.',
  },
  'logit-lens': {
    title: 'Logit lens',
    component: LogitLens,
    article: 'why-stack-layers',
    figureId: 'lens',
    description:
      'Decode the next-token guess from every layer at a position of your text, and see how far each layer is from ' +
      'the final answer.',
  },
  splats: {
    title: 'Splat hierarchy',
    component: SplatHierarchy,
    article: 'do-splats-dezoom',
    figureId: 'splats',
    description:
      'A procedural car and landscape of up to a million 3D Gaussian splats, drawn with WebGPU or WebGL2 from a ' +
      'level-of-detail tree of moment-matched merges: dezoom with the pixel threshold τ, or show one level at a time.',
  },
  convnet: {
    title: 'Convnet explorer',
    component: Convnet,
    article: 'edges-corners-cars',
    figureId: 'convnet',
    description:
      'Draw, or pick a procedural drawing, and watch a small convnet trained here classify it in your browser: every ' +
      'block\u2019s feature maps, and for any unit its receptive field, kernel, top patches and what it responds to.',
  },
  'scaling-laws': {
    title: 'Scaling laws at toy scale',
    component: ScalingLaws,
    article: 'bitter-lesson',
    figureId: 'scaling',
    description:
      'Every run of the size × data sweep (Kneser–Ney n-grams, a hand-featured logistic regression, transformers of six ' +
      'sizes) as a point, with the fitted laws: loss against training data, transformer size and compute.',
  },
  budget: {
    title: 'Pick your budget',
    component: Budget,
    article: 'bitter-lesson',
    figureId: 'budget',
    description:
      'Set the training data and the compute, and see which model of the sweep wins and by how much: measured, ' +
      'interpolated between runs, or extrapolated from a fitted law (and said so).',
  },
  'confusion-curves': {
    title: 'Confusion-set learning curves',
    component: ConfusionCurves,
    article: 'bitter-lesson',
    figureId: 'confusion',
    description:
      'Banko & Brill (2001) at toy scale: which of then/than, its/it’s, their/there/they’re… was in the text, for three ' +
      'learners against the size of the training text, with the fitted laws carried out to a billion words.',
  },
  'memory-curves': {
    title: 'How far back two models read',
    component: MemoryCurves,
    article: 'remembering-the-cat',
    figureId: 'context-use',
    description:
      'An LSTM and a transformer of the same size on Brown: the loss increase when the context beyond d is dropped, ' +
      'shuffled or replaced (Khandelwal et al. 2018), a forgetting probe of the token d back, and attention to an early fact.',
  },
  'memory-race': {
    title: 'Memory race',
    component: MemoryRace,
    article: 'remembering-the-cat',
    figureId: 'race',
    description:
      'A fact early in a passage, filler after it, a blank at the end that only the fact answers: drag the distance and ' +
      'watch an LSTM (which reads everything through a fixed state) and a transformer (which sees only its last 128 ' +
      'tokens) fill the blank in your browser, with the attention on the fact and the fact’s trace in the LSTM’s state.',
  },
} as const satisfies Record<string, WidgetEntry>;

export type WidgetName = keyof typeof widgets;
