/**
 * The Worker's per-frame work, as a plain function (run and tested in Node): check the request and compute
 * the draw list on the scene the Worker holds, transferring the list's two arrays.
 */
import type { FrameComputer } from '../frame/frame-computer.ts';
import { requestId, type Reply } from './handle-build.ts';
import { frameRequestProblem, type FrameRequest } from './protocol.ts';

export function handleFrame(frames: FrameComputer | null, request: unknown): Reply {
  const id = requestId(request);
  const problem = frameRequestProblem(request);
  if (problem) return { message: { type: 'failed', id, message: problem }, transfer: [] };
  if (!frames) return { message: { type: 'failed', id, message: 'No scene is built yet: build one first.', rebuild: true }, transfer: [] };
  try {
    const { list, perLevel, cutMs, sortMs } = frames.compute(request as FrameRequest);
    return { message: { type: 'frame', id, list, perLevel, cutMs, sortMs }, transfer: [list.nodes.buffer as ArrayBuffer, list.blend.buffer as ArrayBuffer] };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { message: { type: 'failed', id, message: `This view could not be computed (${detail}).` }, transfer: [] };
  }
}
