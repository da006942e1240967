import { describe, expect, it } from 'vitest';
import { parseIdleLoads } from '../../../widgets/runtime/kit/idle-start.ts';

describe('parseIdleLoads', () => {
  it('reads what IdleStart.astro writes', () => {
    const loads = [{ name: 'transformer', file: 'transformer.onnx', bytes: 1_874_260 }, { name: 'lens', file: 'lens.onnx', bytes: null }];
    expect(parseIdleLoads(JSON.stringify(loads))).toEqual(loads);
  });
  it('skips anything malformed and never throws', () => {
    expect(parseIdleLoads(undefined)).toEqual([]);
    expect(parseIdleLoads('{')).toEqual([]);
    expect(parseIdleLoads('{"name":"x"}')).toEqual([]);
    const bad = [null, 3, { name: 'a' }, { name: 'b', file: '../../etc/passwd', bytes: null }, { name: 'c', file: 'c.onnx', bytes: -1 }, { name: 'd', file: 'd.onnx', bytes: 1.5 }];
    expect(parseIdleLoads(JSON.stringify([...bad, { name: 'ok', file: 'ok.onnx', bytes: 10 }]))).toEqual([{ name: 'ok', file: 'ok.onnx', bytes: 10 }]);
  });
});
