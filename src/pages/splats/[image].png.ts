/**
 * /splats/car.png and /splats/landscape.png: each scene's default view drawn on the CPU when the site is
 * built, the figure readers see before (or without) the live renderer.
 */
import type { APIContext } from 'astro';
import { SCENE_NAMES, type SceneName } from '../../../widgets/splats/default-views.ts';
import { renderDefaultPng } from '../../../widgets/splats/render/cpu/default-png.ts';

export const prerender = true;

export function getStaticPaths() {
  return SCENE_NAMES.map((scene) => ({ params: { image: scene }, props: { scene } }));
}

export function GET({ props }: APIContext) {
  const { scene } = props as { scene: SceneName };
  const { png } = renderDefaultPng(scene);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
}
