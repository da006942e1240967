// convnet-measurements.json: the shipped file parses and says what the contract says (receptive fields,
// shapes, decodable patches, effective receptive fields growing with depth), and malformed files are refused
// with a message naming the field.
import { describe, expect, it } from 'vitest';
import { hasArtifact, readConvnetMeasurements } from '../../../widgets/models/artifacts.ts';
import { FAMILIES, parseConvnetMeasurements, patchWindow } from '../../../widgets/models/convnet/measurements.ts';
import { CLASSES } from '../../../widgets/models/convnet/contract.ts';

const shipped = hasArtifact('convnet-measurements.json');

describe.skipIf(!shipped)('the shipped convnet-measurements.json', () => {
  const m = shipped ? readConvnetMeasurements() : null!;

  it('has the contract receptive fields and jumps', () => {
    expect(m.receptiveFields.rf).toEqual([3, 8, 18, 38]);
    expect(m.receptiveFields.jump).toEqual([1, 2, 4, 8]);
    expect(m.receptiveFields.plainInit.rf).toEqual([3, 5, 7, 9]);
    expect(m.topPatches.map((b) => b.rf)).toEqual([3, 8, 18, 38]);
  });

  it('has the architecture shapes and the val split', () => {
    expect(m.kernels.weight).toHaveLength(16);
    expect(m.kernels.bias).toHaveLength(16);
    expect(m.topPatches.map((b) => b.channels.length)).toEqual([16, 32, 64, 64]);
    expect(m.meta.valCount).toBe(5000);
    expect(m.meta.classes).toEqual([...CLASSES]);
    expect(m.meta.shapes).toEqual(['straight', 'corner', 'curve', 'end']);
    expect(m.meta.checkpointSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.meta.checkpointSha256).not.toBe(m.meta.initSha256);
  });

  it('stores top patches that decode to their boxes, from distinct images, strongest first', () => {
    for (const b of m.topPatches) {
      const size = 32 / b.jump;
      for (const ch of b.channels) {
        expect(ch).toHaveLength(m.meta.top);
        expect(new Set(ch.map((p) => p.image)).size).toBe(ch.length);
        for (let i = 0; i < ch.length; i++) {
          const p = ch[i]!;
          expect(p.pixels.length).toBe(p.box[2] * p.box[3]);
          expect(patchWindow(p, b.rf).length).toBe(b.rf * b.rf);
          expect(p.x).toBeLessThan(size);
          expect(p.y).toBeLessThan(size);
          expect(p.image).toBeLessThan(m.meta.valCount);
          if (i > 0) expect(p.activation).toBeLessThanOrEqual(ch[i - 1]!.activation);
        }
      }
    }
  });

  it('has effective receptive fields that grow with depth at initialisation, inside the theoretical ones', () => {
    for (const set of [m.receptiveFields.init, m.receptiveFields.plainInit]) {
      for (const maps of [set.val, set.random]) {
        for (let l = 0; l < maps.length; l++) {
          expect(maps[l]!.sigma).toBeGreaterThan(0);
          if (l > 0) expect(maps[l]!.sigma).toBeGreaterThan(maps[l - 1]!.sigma);
        }
      }
    }
    m.receptiveFields.init.val.forEach((e, l) => {
      expect(e.box[2]).toBeLessThanOrEqual(m.receptiveFields.rf[l]!);
      expect(e.box[3]).toBeLessThanOrEqual(m.receptiveFields.rf[l]!);
    });
  });

  it('has selectivity shares that add up over live channels', () => {
    for (const b of m.selectivity.blocks) {
      for (const share of [b.summary.bestFamilyShare, b.summary.bestFamilyRiseShare]) {
        expect(FAMILIES.reduce((s, f) => s + share[f], 0)).toBeCloseTo(1, 3);
      }
      expect(b.bestFamily.filter((f) => f === null)).toHaveLength(b.summary.dead);
      expect(b.bestFamilyRise.filter((f) => f === null)).toHaveLength(b.summary.dead);
    }
  });
});

// A small valid file (2 channels a block), built here so the malformed cases do not depend on the shipped one;
// a JSON round trip, as a file is, so no two fields share an object that a case mutates.
function valid(): Record<string, any> {
  return JSON.parse(JSON.stringify(validObject()));
}

function validObject(): Record<string, any> {
  const rf = [3, 8, 18, 38];
  const jump = [1, 2, 4, 8];
  const nmi = Object.fromEntries(['orientation', 'shape', 'part', 'class', 'part_given_class', 'class_image'].map((k) => [k, 0.1]));
  const fam = (v: unknown) => Object.fromEntries(FAMILIES.map((f) => [f, v]));
  const summary = { channels: 2, dead: 1, mean_nmi: nmi, max_nmi: nmi, best_family_share: { orientation: 1, shape: 0, part: 0, class: 0 } };
  const erf = (l: number) => ({ box: [15, 15, l + 1, 1], values: Array(l + 1).fill(0.5), x: 16, y: 16, sigma: l + 1 });
  const trainedSummary = {
    ...summary,
    rise: { ...nmi, class: null },
    rise_range: { ...Object.fromEntries(Object.keys(nmi).map((k) => [k, [0.9, 1.1]])), class: null },
    best_family_rise_share: { orientation: 0, shape: 0, part: 1, class: 0 },
  };
  const set = () => ({ val: rf.map((_, l) => erf(l)), random: rf.map((_, l) => erf(l)), val_sigma_ratio: [1, 2, 3, 4], random_sigma_ratio: [1, 2, 3, 4] });
  return {
    meta: {
      checkpoint_sha256: 'a'.repeat(64), init_sha256: 'b'.repeat(64), checkpoint: { seed: 0, epoch: 3 },
      data: { val_count: 10, parts: ['p0', 'p1', 'p2'], classes: ['c0', 'c1'], shapes: ['straight', 'corner', 'curve', 'end'], orientation_bins: 8 },
      erf_images: 4, top: 1,
    },
    kernels: { weight: [Array(3).fill([0, 1, 0])], bias: [0] },
    top_patches: rf.map((r, l) => ({
      block: l + 1, rf: r, jump: jump[l],
      channels: [0, 1].map(() => ({ image: [3], x: [0], y: [0], act: [1.5], box: [[1, 1, 2, 1]], data: [btoa('\x00\xff')] })),
    })),
    selectivity: {
      blocks: rf.map(() => ({
        lift: { orientation: [Array(8).fill(1), null], shape: [[1, null, 1, 1], null], class: [[1, 1], null] },
        best: { orientation: [0, null], shape: [2, null], part: [1, null], class: [1, null] },
        best_lift: fam([1.2, null]),
        nmi: Object.fromEntries(Object.keys(nmi).map((k) => [k, [0.1, 0]])),
        best_family: ['orientation', null],
        best_family_rise: ['part', null],
        summary: trainedSummary,
      })),
      init_summary: rf.map(() => summary),
      other_init_summary: rf.map(() => summary),
      init_summaries: [rf.map(() => summary), rf.map(() => summary)],
      top_purity: { top: 8, trained: [0, 1, 2, 2], inits: [[0, 0, 0, 1], [0, 0, 1, 0]], channels: [2, 2, 2, 2] },
    },
    receptive_fields: {
      theoretical: { rf, jump },
      erf: {
        centre_unit: [16, 8, 4, 2], init: set(), trained: set(), plain_init: { ...set(), rf: [3, 5, 7, 9], inits: 2 }, sqrt_depth: [1, 1.414, 1.732, 2],
        training: [0, 3].map((epoch) => ({ epoch, sigma: [1, 2, 3, 4], low: [0.9, 1.9, 2.9, 3.9], high: [1.1, 2.1, 3.1, 4.1] })),
      },
    },
    second: {
      checkpoint_sha256: 'c'.repeat(64), checkpoint: { seed: 0, init_seed: 100, epoch: 3 }, init_index: 1,
      val_accuracy: 0.9, val_loss: 0.3, val_clean_accuracy: 0.99, cpu_seconds: 140,
      blocks: rf.map(() => ({ summary: trainedSummary, best: { orientation: [0, null], shape: [2, null], part: [1, null], class: [1, null] }, best_lift: fam([1.2, null]) })),
      top_purity: [0, 1, 2, 2],
      erf: {
        init: { sigma: [1, 2, 3, 4], low: [0.9, 1.9, 2.9, 3.9], high: [1.1, 2.1, 3.1, 4.1] },
        trained: { sigma: [1, 2, 3, 4], low: [0.9, 1.9, 2.9, 3.9], high: [1.1, 2.1, 3.1, 4.1] },
      },
    },
  };
}

describe('parseConvnetMeasurements', () => {
  it('reads a valid file and decodes its patches and maps', () => {
    const m = parseConvnetMeasurements(valid());
    const p = m.topPatches[1]!.channels[0]![0]!;
    expect(Array.from(p.pixels)).toEqual([0, 255]);
    const win = patchWindow(p, 8);
    expect(win.length).toBe(64);
    expect(win[1 * 8 + 2]).toBe(255);
    expect(win.reduce((a, b) => a + b, 0)).toBe(255);
    const e = m.receptiveFields.init.val[2]!;
    expect(e.map.length).toBe(1024);
    expect(e.map[15 * 32 + 17]).toBeCloseTo(0.5);
    expect(e.map[15 * 32 + 18]).toBe(0);
    expect(m.selectivity.blocks[0]!.bestFamily).toEqual(['orientation', null]);
    expect(m.second.initIndex).toBe(1);
    expect(m.second.blocks[2]!.best.shape).toEqual([2, null]);
    expect(m.second.blocks[0]!.summary.riseRange.class).toBeNull();
    expect(m.second.erf.trained.high[3]).toBe(4.1);
  });

  it('reads a second network that started from none of the untrained networks', () => {
    const j = valid();
    j.second.init_index = null;
    j.second.val_clean_accuracy = null;
    expect(parseConvnetMeasurements(j).second.initIndex).toBeNull();
  });

  const cases: [string, (j: Record<string, any>) => void, RegExp][] = [
    ['not an object', (j) => { j.meta = 3; }, /convnet-measurements\.json: meta must be an object/],
    ['patch bytes that do not fill the box', (j) => { j.top_patches[0].channels[1].data[0] = btoa('\x01'); }, /top_patches\[0\]\.channels\[1\]\.data\[0\] must decode to 2·1 = 2 bytes/],
    ['a patch box outside the window', (j) => { j.top_patches[0].channels[0].box[0] = [2, 0, 2, 1]; }, /box\[0\] must lie inside the 3 × 3 window/],
    ['bad base64', (j) => { j.top_patches[2].channels[0].data[0] = '**'; }, /data\[0\] must be base64/],
    ['columns of different lengths', (j) => { j.top_patches[0].channels[0].act = [1, 2]; }, /channels\[0\]\.act must have 1 entries/],
    ['a block out of order', (j) => { j.top_patches[1].block = 3; }, /top_patches\[1\]\.block must be 2/],
    ['patch rf not the theoretical one', (j) => { j.top_patches[3].rf = 40; }, /top_patches\[3\] must have rf 38/],
    ['a missing ERF map', (j) => { j.receptive_fields.erf.trained.random.pop(); }, /erf\.trained\.random must have 4 entries/],
    ['a non-positive sigma', (j) => { j.receptive_fields.erf.init.val[0].sigma = 0; }, /init\.val\[0\]\.sigma must be positive/],
    ['ERF values not filling the box', (j) => { j.receptive_fields.erf.init.val[1].values.pop(); }, /init\.val\[1\]\.values must have 2 entries/],
    ['an unknown family', (j) => { j.selectivity.blocks[0].best_family[0] = 'texture'; }, /best_family\[0\] must be one of/],
    ['a best label out of range', (j) => { j.selectivity.blocks[2].best.part[0] = 3; }, /blocks\[2\]\.best\.part\[0\] must be below 3/],
    ['a NaN written as a string', (j) => { j.selectivity.blocks[0].nmi.shape[0] = 'NaN'; }, /nmi\.shape\[0\] must be a finite number/],
    ['a lift row of the wrong length', (j) => { j.selectivity.blocks[0].lift.orientation[0].pop(); }, /lift\.orientation\[0\] must have 8 entries/],
    ['a trained summary without its rise', (j) => { delete j.selectivity.blocks[3].summary.rise; }, /blocks\[3\]\.summary\.rise must be an object/],
    ['a kernel that is not 3 × 3', (j) => { j.kernels.weight[0][1] = [0, 1]; }, /kernels\.weight\[0\]\[1\] must have 3 entries/],
    ['a rise range that is not a pair', (j) => { j.selectivity.blocks[1].summary.rise_range.part = [1]; }, /summary\.rise_range\.part must have 2 entries/],
    ['an ERF checkpoint missing a block', (j) => { j.receptive_fields.erf.training[1].low.pop(); }, /erf\.training\[1\]\.low must have 4 entries/],
    ['top purity without the untrained networks', (j) => { delete j.selectivity.top_purity.inits; }, /top_purity\.inits must be/],
    ['no second network', (j) => { delete j.second; }, /convnet-measurements\.json: second must be an object/],
    ['a second network that is the first', (j) => { j.second.checkpoint_sha256 = 'a'.repeat(64); }, /second\.checkpoint_sha256 must differ from the first network's/],
    ['a second network from an untrained network not measured', (j) => { j.second.init_index = 2; }, /second\.init_index must be below 2/],
    ['a second network\'s accuracy above 1', (j) => { j.second.val_accuracy = 88.2; }, /second\.val_accuracy must lie in \[0, 1\], got 88\.2/],
    ['a second network missing a block', (j) => { j.second.blocks.pop(); }, /second\.blocks must have 4 entries/],
    ['a second network\'s block of the wrong width', (j) => { j.second.blocks[1].summary.channels = 3; }, /second\.blocks\[1\]\.summary\.channels must be 2/],
    ['a second network\'s summary without its rise range', (j) => { delete j.second.blocks[0].summary.rise_range; }, /second\.blocks\[0\]\.summary\.rise_range must be an object/],
    ['a second network\'s best label out of range', (j) => { j.second.blocks[3].best.class[0] = 2; }, /second\.blocks\[3\]\.best\.class\[0\] must be below 2/],
    ['a second network\'s best lifts for too few channels', (j) => { j.second.blocks[0].best_lift.part.pop(); }, /second\.blocks\[0\]\.best_lift\.part must have 2 entries/],
    ['more pure channels than the block has', (j) => { j.second.top_purity[2] = 3; }, /second\.top_purity\[2\] must not exceed the block's 2 channels/],
    ['a second network\'s ERF interval upside down', (j) => { j.second.erf.trained.low[1] = 2.5; }, /second\.erf\.trained\.low\[1\] must not exceed high/],
    ['a second network\'s ERF without its initialisation', (j) => { delete j.second.erf.init; }, /second\.erf\.init must be an object/],
    ['a second network\'s non-positive sigma', (j) => { j.second.erf.init.sigma[0] = 0; }, /second\.erf\.init\.sigma\[0\] must be positive/],
  ];
  for (const [what, mutate, message] of cases) {
    it(`refuses ${what}`, () => {
      const j = valid();
      mutate(j);
      expect(() => parseConvnetMeasurements(j)).toThrow(message);
    });
  }
});
