/**
 * Everything the scene Worker does, as one function with its state (the scene it holds), so that Node
 * tests run exactly what the Worker runs. A build replaces the scene; frames are drawn from it.
 */
import { createFrameComputer, type FrameComputer } from '../frame/frame-computer.ts';
import { handleBuild, requestId, type Reply } from './handle-build.ts';
import { handleFrame } from './handle-frame.ts';

export function createSceneHandler(now: () => number = () => performance.now()): (request: unknown) => Reply {
  let frames: FrameComputer | null = null;
  return (request) => {
    const type = typeof request === 'object' && request !== null ? (request as { type?: unknown }).type : undefined;
    if (type === 'frame') return handleFrame(frames, request);
    if (type === 'build') {
      // Let the old tree go before the new one is built: two million-leaf trees at once may not fit.
      frames = null;
      const { tree, ...reply } = handleBuild(request, now);
      if (tree) frames = createFrameComputer(tree, now);
      return reply;
    }
    const message = typeof request !== 'object' || request === null ? 'The request is not an object.' : 'Unknown request type.';
    return { message: { type: 'failed', id: requestId(request), message }, transfer: [] };
  };
}
