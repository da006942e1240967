// The committed model cards pass the validators the widgets use (the factory's writers are typed against the
// same types: models/card.ts and models/convnet/card.ts `satisfies` ModelCard and ConvnetCard), the sizes they
// state are those of the files, and the test fixtures they point at live in the repository, not in public/.
import { readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ARTIFACTS_DIR,
  ROOT,
  artifactPath,
  fixturePath,
  hasArtifact,
  readArtifactJson,
  readConvnetCard,
  readTransformerCard,
} from '../../../widgets/models/artifacts.ts';
import { parseConvnetCard } from '../../../widgets/models/convnet/card.ts';
import { parseModelCard, type TestFixtureRef } from '../../../widgets/models/transformer/card.ts';

const size = (path: string) => statSync(path).size;

function checkFiles(files: Record<string, string>, bytes: Record<string, number | null> | undefined) {
  for (const [key, name] of Object.entries(files)) {
    expect(hasArtifact(name), `files.${key}: ${name}`).toBe(true);
    if (bytes?.[key] != null) expect(bytes[key], `bytes.${key}`).toBe(size(artifactPath(name)));
  }
  // every size names a file of `files`
  for (const key of Object.keys(bytes ?? {})) expect(files, `bytes.${key}`).toHaveProperty(key);
}

function checkFixture(ref: TestFixtureRef | undefined, name: string) {
  expect(ref?.path).toBe(`models/fixtures/${name}`);
  expect(fixturePath(name)).toBe(`${ROOT}/${ref!.path}`);
  expect(ref!.bytes).toBe(size(fixturePath(name)));
}

describe('the committed model cards', () => {
  it('transformer.json passes parseModelCard, names existing files and states their sizes', () => {
    const card = readTransformerCard();
    expect(card.bytes?.model).toBeGreaterThan(0);
    checkFiles(card.files, card.bytes);
    checkFixture(card.test_fixture, 'transformer-fixture.json');
  });

  it('convnet.json passes parseConvnetCard, names existing files and states their sizes', () => {
    const card = readConvnetCard();
    expect(card.bytes.model).toBeGreaterThan(0);
    expect(card.architecture.blocks.map((b) => b.channels)).toEqual([16, 32, 64, 64]);
    checkFiles(card.files, card.bytes);
    checkFixture(card.test_fixture, 'convnet-fixture.json');
  });

  it('no test fixture is served: public/models holds none', () => {
    expect(readdirSync(ARTIFACTS_DIR).filter((f) => f.includes('fixture'))).toEqual([]);
  });
});

describe('parseConvnetCard', () => {
  const json = readArtifactJson('convnet.json') as Record<string, any>;
  const bad = (edit: (c: Record<string, any>) => void) => {
    const c = structuredClone(json);
    edit(c);
    return () => parseConvnetCard(c);
  };

  it('rejects cards that break the widget contract, naming the field', () => {
    expect(() => parseConvnetCard(null)).toThrow('convnet.json: must be an object, got null');
    expect(bad((c) => (c.architecture.blocks[2].output = [32, 8, 8]))).toThrow('convnet.json: architecture.blocks[2] must be block3 with output [64,8,8]');
    expect(bad((c) => c.architecture.blocks.pop())).toThrow('architecture.blocks must have 4 entries');
    expect(bad((c) => (c.metrics.class_names[0] = 'truck'))).toThrow('metrics.class_names must be');
    expect(bad((c) => (c.outputs[4].shape = ['B', 11]))).toThrow('convnet.json: outputs[4] (probs) has shape ["B",11], expected ["B",13]');
    expect(bad((c) => (c.bytes.model = -1))).toThrow('convnet.json: bytes.model must be an integer ≥ 0, got -1');
    expect(bad((c) => (c.test_fixture.path = 'public/convnet-fixture.json'))).toThrow('test_fixture.path must be a repository path outside public/');
    expect(bad((c) => delete c.files.model)).toThrow('convnet.json: files must name the model');
  });
});

describe('parseModelCard on sizes and the fixture', () => {
  const json = readArtifactJson('transformer.json') as Record<string, any>;
  it('keeps bytes and test_fixture, and rejects a fixture path under public/', () => {
    const card = parseModelCard(json);
    expect(card.bytes).toEqual(json.bytes);
    expect(card.test_fixture).toEqual(json.test_fixture);
    const c = structuredClone(json);
    c.test_fixture.path = 'public/transformer-fixture.json';
    expect(() => parseModelCard(c)).toThrow('transformer.json: test_fixture.path must be a repository path outside public/');
    const d = structuredClone(json);
    d.bytes.lens = '1 MB';
    expect(() => parseModelCard(d)).toThrow('transformer.json: bytes.lens must be an integer ≥ 0, got "1 MB"');
  });
});
