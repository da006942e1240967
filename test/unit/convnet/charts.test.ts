// The convnet essay's static charts (widgets/convnet/charts/): their rows come from the shipped measurements,
// the charts draw on a linkedom document as one labelled image, and the patch and kernel pictures are right.
import { serverDocument } from '../../../widgets/runtime/kit/ssr.ts';
import { describe, expect, it } from 'vitest';
import { readConvnetMeasurements } from '../../../widgets/models/artifacts.ts';
import { RISE_KEYS, riseRows, sigmaRows, trainingRows } from '../../../widgets/convnet/charts/data.ts';
import { inkRuns, kernelCells } from '../../../widgets/convnet/charts/pixels.ts';
import { risePlot, sigmaPlot, trainingPlot } from '../../../widgets/convnet/charts/plot.ts';

const m = readConvnetMeasurements();
const doc = serverDocument;

describe('convnet charts: data', () => {
  it('a rise per block and family, its own-init value inside the range over the untrained networks', () => {
    const rows = riseRows(m);
    expect(rows.length).toBe(4 * RISE_KEYS.length);
    for (const r of rows) {
      expect(r.low).toBeLessThanOrEqual(r.rise + 1e-9);
      expect(r.high).toBeGreaterThanOrEqual(r.rise - 1e-9);
    }
  });

  it('beside each rise, the second trained network\'s (inside its own range), and the trained-side range spans the two', () => {
    for (const r of riseRows(m)) {
      const s = m.second.blocks[r.block - 1]!.summary;
      expect(r.second).toBe(s.rise[r.key]);
      expect([r.secondLow, r.secondHigh]).toEqual(s.riseRange[r.key]);
      expect(r.secondLow).toBeLessThanOrEqual(r.second + 1e-9);
      expect(r.secondHigh).toBeGreaterThanOrEqual(r.second - 1e-9);
      expect(r.trainedLow).toBe(Math.min(r.rise, r.second));
      expect(r.trainedHigh).toBe(Math.max(r.rise, r.second));
    }
  });

  it('σ ratios start at 1 for the measured series, and the guides are √depth and depth', () => {
    const rows = sigmaRows(m);
    for (const s of ['trained', 'init', 'plain'] as const) expect(rows.find((r) => r.series === s && r.depth === 1)!.ratio).toBeCloseTo(1, 6);
    expect(rows.find((r) => r.series === 'sqrt' && r.depth === 4)!.ratio).toBe(2);
    expect(rows.find((r) => r.series === 'linear' && r.depth === 4)!.ratio).toBe(4);
  });

  it('σ across training from initialisation (epoch 0) to the last epoch, each inside its interval', () => {
    const rows = trainingRows(m);
    const epochs = [...new Set(rows.map((r) => r.epoch))];
    expect(epochs[0]).toBe(0);
    expect(epochs.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r.low <= r.sigma && r.sigma <= r.high).toBe(true);
  });
});

describe('convnet charts: drawing', () => {
  it('each chart is one svg image labelled with its summary, no inner ARIA names', () => {
    for (const node of [risePlot(riseRows(m), { document: doc(), width: 640 }), sigmaPlot(sigmaRows(m), { document: doc(), width: 360 }), trainingPlot(trainingRows(m), { document: doc(), width: 640 })]) {
      const svg = node.tagName.toLowerCase() === 'svg' ? node : node.querySelector('svg')!;
      expect(svg.getAttribute('role')).toBe('img');
      expect(svg.getAttribute('aria-label')!.length).toBeGreaterThan(40);
      expect(svg.querySelectorAll('[aria-label]').length).toBe(0);
    }
  });

  it('the rise chart draws the second network: a hollow marker and a thick bar per family and block', () => {
    const rows = riseRows(m);
    const node = risePlot(rows, { document: doc(), width: 640 });
    const svg = node.tagName.toLowerCase() === 'svg' ? node : node.querySelector('svg')!;
    expect(svg.querySelectorAll('[fill="none"] path, path[fill="none"]').length).toBeGreaterThanOrEqual(rows.length);
    expect(svg.querySelectorAll('[stroke-width="5"] line, line[stroke-width="5"]').length).toBe(rows.length);
    expect(svg.getAttribute('aria-label')).toContain('second network');
  });

  it('ink runs: paper is skipped, equal neighbours merge, levels quantise', () => {
    const img = Uint8Array.from([0, 255, 255, 0, 128, 0, 0, 0, 0]);
    expect(inkRuns(img, 3)).toEqual([
      { x: 1, y: 0, w: 2, level: 3 },
      { x: 1, y: 1, w: 1, level: 2 },
    ]);
  });

  it('kernel cells: sign picks the colour, size the opacity (capped at 1)', () => {
    const cells = kernelCells([[1, -0.5, 0], [2, 0, 0], [0, 0, -1]], 1);
    expect(cells[0]).toEqual({ x: 0, y: 0, positive: true, opacity: 1 });
    expect(cells[1]).toEqual({ x: 1, y: 0, positive: false, opacity: 0.5 });
    expect(cells[3]!.opacity).toBe(1);
    expect(cells.length).toBe(9);
  });
});
