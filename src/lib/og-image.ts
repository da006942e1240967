import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import satori from 'satori';
import { Resvg } from '@resvg/resvg-js';
import { SITE } from './site.ts';

// Fonts come from the repository's own node_modules: nothing is downloaded at build time.
const require = createRequire(import.meta.url);
const font = (weight: 400 | 700) =>
  readFileSync(require.resolve(`@fontsource/source-serif-pro/files/source-serif-pro-latin-${weight}-normal.woff`));

let fonts: { name: string; data: Buffer; weight: 400 | 700; style: 'normal' }[] | undefined;

type Node = { type: string; props: { style?: Record<string, unknown>; children?: unknown } };
const el = (type: string, style: Record<string, unknown>, children?: unknown): Node => ({ type, props: { style, children } });

/** A 1200×630 card: title, description and the series' receptive-field motif. */
export async function renderOgImage(title: string, description: string): Promise<Buffer> {
  fonts ??= [
    { name: 'Source Serif', data: font(400), weight: 400, style: 'normal' },
    { name: 'Source Serif', data: font(700), weight: 700, style: 'normal' },
  ];
  // A receptive-field pyramid: four inputs per output at the bottom, one unit at the top.
  const rows = [1, 2, 4, 8].map((n, row) =>
    el('div', { display: 'flex', gap: '8px', justifyContent: 'center', width: '520px', marginTop: '8px' },
      Array.from({ length: n }, () => el('div', { width: `${480 / n - 8}px`, height: '14px', background: row === 0 ? '#b5472b' : '#1f5f8b', borderRadius: '3px' })),
    ),
  );
  const tree = el(
    'div',
    { width: '1200px', height: '630px', display: 'flex', flexDirection: 'column', padding: '56px 72px', background: '#fbfaf7', color: '#1b1b1b', fontFamily: 'Source Serif' },
    [
      el('div', { display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', width: '1056px' }, [
        el('div', { fontSize: '30px', color: '#1f5f8b', fontWeight: 700 }, SITE.name),
        el('div', { display: 'flex', flexDirection: 'column' }, rows),
      ]),
      el('div', { display: 'flex', flexDirection: 'column', width: '1056px', marginTop: '110px' }, [
        el('div', { fontSize: title.length > 50 ? '60px' : '72px', fontWeight: 700, lineHeight: 1.1 }, title),
        el('div', { fontSize: '30px', marginTop: '24px', color: '#444', lineHeight: 1.35 }, description.length > 200 ? `${description.slice(0, 197)}…` : description),
      ]),
    ],
  );
  const svg = await satori(tree as Parameters<typeof satori>[0], { width: 1200, height: 630, fonts });
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
}
