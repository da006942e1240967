// The classes the generator can draw and the named parts each is drawn from (CONTRACT.md: part label = 1 +
// index in PARTS). Parts that a child would name separately stay separate; details too small to matter at
// 32 px are folded into the part they hang on (a bicycle's seat and handlebar are 'bicycle-frame', a face's
// ears and hair 'face-head', a lamp's pole and base one 'lamp-stand', a fish's tail is its caudal fin:
// 'fish-fin').
//
// Two tasks share this code (generate.ts). The easy task draws the first ten classes, each object alone on
// clean paper. The hard task adds a bus and a truck (which share wheels and windows with the car) and a vase
// (whose body is a cup's without the handle), and draws every object among clutter and partly hidden behind
// an occluder (clutter.ts); clutter and occluder strokes get parts of their own, so every inked pixel has one.

export const DRAWING_CLASSES = ['car', 'house', 'tree', 'bicycle', 'boat', 'face', 'lamp', 'fish', 'cup', 'flower', 'bus', 'truck', 'vase'] as const;
export type DrawingClass = (typeof DRAWING_CLASSES)[number];

export type Task = 'easy' | 'hard';
/** The classes of each task: the first `count` of DRAWING_CLASSES, so a label means the same in both. */
export const TASK_CLASS_COUNT: Record<Task, number> = { easy: 10, hard: 13 };
export function taskClasses(task: Task): readonly DrawingClass[] {
  return DRAWING_CLASSES.slice(0, TASK_CLASS_COUNT[task]);
}

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
  bus: ['bus-body', 'bus-wheel', 'bus-window', 'bus-door'],
  truck: ['truck-cab', 'truck-cargo', 'truck-wheel', 'truck-window'],
  vase: ['vase-body', 'vase-neck'],
} as const satisfies Record<DrawingClass, readonly string[]>;

/** Strokes that belong to no object: the hard task's clutter and the outline of what hides the object. */
export const SCENE_PARTS = ['clutter', 'occluder'] as const;

export type PartName = (typeof CLASS_PARTS)[DrawingClass][number] | (typeof SCENE_PARTS)[number];

/** All part names, class by class in DRAWING_CLASSES order, then the scene parts; the easy task's 30 come first. */
export const PARTS: readonly PartName[] = [...DRAWING_CLASSES.flatMap((c) => CLASS_PARTS[c]), ...SCENE_PARTS];

const PART_INDEX = new Map<string, number>(PARTS.map((name, i) => [name, i]));

export function partIndex(name: PartName): number {
  return PART_INDEX.get(name)!;
}

/** The part indices (into PARTS) of the object of class `label`. */
export function classPartIndices(label: number): number[] {
  const name = DRAWING_CLASSES[label];
  if (name === undefined) throw new RangeError(`no class ${label}`);
  return CLASS_PARTS[name].map(partIndex);
}

export const ORIENTATION_BINS = 8;
export const SHAPES = ['none', 'straight', 'corner', 'curve', 'end'] as const;
export const SHAPE = { none: 0, straight: 1, corner: 2, curve: 3, end: 4 } as const;
