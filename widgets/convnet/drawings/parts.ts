// The 10 classes and the named parts each is drawn from (CONTRACT.md: part label = 1 + index in PARTS,
// 30 parts at most). Parts that a child would name separately stay separate; details too small to matter at
// 32 px are folded into the part they hang on (a bicycle's seat and handlebar are 'bicycle-frame', a face's
// ears and hair 'face-head', a lamp's pole and base one 'lamp-stand', a fish's tail is its caudal fin:
// 'fish-fin').

import { CLASSES, type ClassName } from '../../models/convnet/contract.ts';

export { CLASSES, type ClassName };

export const CLASS_PARTS = {
  car: ['car-body', 'car-wheel', 'car-window'],
  house: ['house-wall', 'house-roof', 'house-door', 'house-window'],
  tree: ['tree-trunk', 'tree-crown'],
  bicycle: ['bicycle-wheel', 'bicycle-frame'],
  boat: ['boat-hull', 'boat-mast', 'boat-sail'],
  face: ['face-head', 'face-eye', 'face-mouth', 'face-nose'],
  lamp: ['lamp-shade', 'lamp-stand'],
  fish: ['fish-body', 'fish-fin', 'fish-eye'],
  cup: ['cup-body', 'cup-handle', 'cup-saucer'],
  flower: ['flower-centre', 'flower-petal', 'flower-stem', 'flower-leaf'],
} as const satisfies Record<ClassName, readonly string[]>;

export type PartName = (typeof CLASS_PARTS)[ClassName][number];

/** All part names, class by class in CLASSES order. */
export const PARTS: readonly PartName[] = CLASSES.flatMap((c) => CLASS_PARTS[c]);

const PART_INDEX = new Map<string, number>(PARTS.map((name, i) => [name, i]));

export function partIndex(name: PartName): number {
  return PART_INDEX.get(name)!;
}

/** The part indices (into PARTS) a drawing of class `label` may use. */
export function classPartIndices(label: number): number[] {
  const name = CLASSES[label];
  if (name === undefined) throw new RangeError(`no class ${label}`);
  return CLASS_PARTS[name].map(partIndex);
}

export const ORIENTATION_BINS = 8;
export const SHAPES = ['none', 'straight', 'corner', 'curve', 'end'] as const;
export const SHAPE = { none: 0, straight: 1, corner: 2, curve: 3, end: 4 } as const;
