/// <reference lib="webworker" />
/**
 * The splat scene Worker: scenes and their trees are built here, off the page, so that a reader's scrolling
 * and typing never wait for the second or so a million splats take (bench/RESULTS.md, splat-hierarchy), and
 * the tree stays here, where each frame's cut and depth sort run.
 */
import { createSceneHandler } from './scene-handler.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createSceneHandler();
scope.onmessage = (event: MessageEvent<unknown>) => {
  const { message, transfer } = handle(event.data);
  scope.postMessage(message, transfer);
};
