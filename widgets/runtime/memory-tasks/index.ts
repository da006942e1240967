/** Public surface of the long-range task generator, for the factory and the memory-race widget. */
export { MemoryTaskGenerator } from './generate.ts';
export { FillerIndex, parseFillerSet, type FillerDocument, type FillerSet } from './filler.ts';
export { DISTANCES, TASKS, type GenerateOptions, type MemoryExample, type Span, type TaskName } from './types.ts';
export { fillerSentenceAllowed } from './vocab.ts';
