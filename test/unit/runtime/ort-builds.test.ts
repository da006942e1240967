// The facts ort-builds.ts states about onnxruntime-web, checked against the installed package: which
// .wasm each build's bundle loads, its size (the progress total), and that the package exports the paths.
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ORT_BUILDS, threadCount } from '../../../widgets/runtime/ort/ort-builds.ts';

const DIST = 'node_modules/onnxruntime-web/dist';
const pkg = JSON.parse(readFileSync('node_modules/onnxruntime-web/package.json', 'utf8'));

describe('ORT builds', () => {
  for (const [build, info] of Object.entries(ORT_BUILDS)) {
    it(`${build}: ${info.entry} loads ${info.wasmFile} (${info.wasmBytes} bytes)`, () => {
      const subpath = info.entry.replace('onnxruntime-web', '.');
      const bundle = pkg.exports[subpath].import.default as string;
      const source = readFileSync(`node_modules/onnxruntime-web/${bundle}`, 'utf8');
      const loaded = new Set(source.match(/ort-wasm-simd-threaded[a-z.]*\.wasm/g));
      expect([...loaded]).toEqual([info.wasmFile]);
      expect(statSync(`${DIST}/${info.wasmFile}`).size).toBe(info.wasmBytes);
      // The `?url` import in inference.worker.ts goes through this export.
      expect(pkg.exports[`./${info.wasmFile}`]).toBe(`./dist/${info.wasmFile}`);
    });
  }

  it('the default bundle (JSEP) is a different file, never loaded', () => {
    const source = readFileSync(`${DIST}/${pkg.exports['.'].import.default.replace('./dist/', '')}`, 'utf8');
    expect(source).not.toMatch(/ort-wasm-simd-threaded\.(asyncify\.)?wasm"/);
  });
});

describe('threadCount', () => {
  it('is 1 without cross-origin isolation, a few threads with it', () => {
    expect(threadCount(false, 16)).toBe(1);
    expect(threadCount(true, 16)).toBe(4);
    expect(threadCount(true, 2)).toBe(2);
    expect(threadCount(true, undefined)).toBe(1);
    expect(threadCount(true, 0)).toBe(1);
  });
});
