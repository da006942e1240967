import { describe, expect, it } from 'vitest';
import {
  backendText,
  downloadsFor,
  errorsFor,
  formatMs,
  initialStatus,
  reduceStatus,
  timingText,
  type StatusEvent,
} from '../../../widgets/runtime/ort/status.ts';

const run = (events: StatusEvent[]) => events.reduce(reduceStatus, initialStatus('auto'));

describe('runtime status', () => {
  it('goes idle -> starting -> ready, with the backend in use', () => {
    expect(backendText(initialStatus('auto'))).toBe('The model has not loaded yet');
    const starting = run([{ type: 'starting' }]);
    expect(backendText(starting)).toBe('Loading the model into your browser…');
    const measuring = run([{ type: 'starting' }, { type: 'backend', hasWebGPU: true, backend: null, why: null, measurements: null }]);
    expect(backendText(measuring)).toBe('Checking whether your CPU or GPU runs it faster…');
    const ready = run([
      { type: 'starting' },
      { type: 'backend', hasWebGPU: true, backend: 'wasm', why: 'measured', measurements: { wasm: 0.41, webgpu: 10.2 } },
    ]);
    expect(backendText(ready)).toBe('Runs in your browser, on the CPU (WASM)');
    expect(timingText(ready)).toBe('CPU 0.41 ms, GPU 10 ms per run');
  });

  it('shows the last run when nothing was measured', () => {
    const s = run([
      { type: 'backend', hasWebGPU: false, backend: 'wasm', why: 'no-webgpu', measurements: null },
      { type: 'result', id: 1, outputs: {}, backend: 'wasm', ms: 2.345 },
    ]);
    expect(timingText(s)).toBe('2.3 ms per run');
    expect(formatMs(0.1)).toBe('0.10 ms');
    expect(formatMs(27.4)).toBe('27 ms');
  });

  it('keeps errors per subject, and a retry clears them', () => {
    let s = run([
      { type: 'load-failed', model: 'transformer', error: { kind: 'model', message: 'The model "transformer" was not found on the server (HTTP 404).' } },
      { type: 'load-failed', model: 'lens', error: { kind: 'runtime', message: 'runtime down' } },
      { type: 'runtime-failed', error: { kind: 'runtime', message: 'runtime down' } },
    ]);
    expect(errorsFor(s, ['transformer'])).toEqual(['The model "transformer" was not found on the server (HTTP 404).', 'runtime down']);
    expect(errorsFor(s, ['other'])).toEqual(['runtime down']);
    expect(s.phase).toBe('failed');
    s = reduceStatus(s, { type: 'starting' });
    s = reduceStatus(s, { type: 'load-started', model: 'transformer' });
    expect(errorsFor(s, null)).toEqual([]);
  });

  it('tracks downloads and filters them per figure', () => {
    const s = run([
      { type: 'progress', download: { id: 'runtime', label: 'runtime', loaded: 1, total: 10, done: false } },
      { type: 'progress', download: { id: 'lens', label: 'lens', loaded: 1, total: 10, done: false } },
      { type: 'progress', download: { id: 'runtime', label: 'runtime', loaded: 5, total: 10, done: false } },
    ]);
    expect(s.downloads.map((d) => d.loaded)).toEqual([5, 1]);
    expect(downloadsFor(s, ['transformer']).map((d) => d.id)).toEqual(['runtime']);
    expect(downloadsFor(s, null)).toHaveLength(2);
  });

  it('records the preference and notices', () => {
    const s = run([{ type: 'prefer', preference: 'webgpu' }, { type: 'notice', message: 'WebGPU stopped' }]);
    expect(s.preference).toBe('webgpu');
    expect(s.notice).toBe('WebGPU stopped');
  });

  it('drops downloads that can no longer finish', () => {
    const running = (id: string) => ({ type: 'progress' as const, download: { id, label: id, loaded: 0, total: null, done: false } });
    let s = run([running('runtime'), running('a'), running('b'), { type: 'progress', download: { id: 'c', label: 'c', loaded: 5, total: 5, done: true } }]);
    s = reduceStatus(s, { type: 'load-failed', model: 'a', error: { kind: 'model', message: 'x' } });
    expect(s.downloads.map((d) => d.id)).toEqual(['runtime', 'b', 'c']);
    s = reduceStatus(s, { type: 'worker-died', message: 'gone' });
    expect(s.downloads.map((d) => d.id)).toEqual(['c']);
  });
});
