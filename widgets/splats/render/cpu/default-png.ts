/** The default views' images as PNG files, for the site build (Node only: png.ts uses node:zlib). */
import type { SceneName } from '../../default-views.ts';
import { renderDefaultView, type DefaultImage, type ViewOverrides } from './default-image.ts';
import { encodePng } from './png.ts';

export function renderDefaultPng(scene: SceneName, overrides: ViewOverrides = {}): { png: Uint8Array; image: DefaultImage; encodeMs: number } {
  const image = renderDefaultView(scene, overrides);
  const start = performance.now();
  const png = encodePng(image.rgba, image.view.width, image.view.height);
  return { png, image, encodeMs: performance.now() - start };
}
