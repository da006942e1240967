/**
 * The convnet's shapes as the contract fixes them (widgets/convnet/CONTRACT.md): the input image, the four
 * blocks' channels and map sizes, the named graph outputs, and the classes. The card loader (card.ts) checks a
 * shipped card against these; the widget and the drawing generator read them from here, so the model layer
 * never imports a widget folder.
 */
export const IMAGE_SIZE = 32;
/** Channels and map sizes of the four blocks; the model card is checked against these. */
export const BLOCK_CHANNELS = [16, 32, 64, 64] as const;
export const BLOCK_SIZES = [32, 16, 8, 4] as const;
export const OUTPUT_NAMES = ['block1', 'block2', 'block3', 'block4', 'probs'] as const;
/** The drawing task the shipped model was trained on (widgets/convnet/drawings/parts.ts): the factory writes
 * that task's dataset and the widget draws its examples from it. */
export const TASK = 'hard' as 'easy' | 'hard';
/** The task's classes, in the order of the model's outputs (widgets/convnet/drawings/parts.ts draws them). */
export const CLASSES = ['car', 'house', 'tree', 'bicycle', 'boat', 'face', 'lamp', 'fish', 'cup', 'flower', 'bus', 'truck', 'vase'] as const;
export type ClassName = (typeof CLASSES)[number];
