/// <reference lib="webworker" />
/**
 * The splat build Worker: scenes and their trees are built here, off the page, so that a reader's scrolling
 * and typing never wait for the second or so a million splats take (bench/RESULTS.md, splat-hierarchy).
 */
import { handleBuild } from './handle-build.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<unknown>) => {
  const { message, transfer } = handleBuild(event.data);
  scope.postMessage(message, transfer);
};
