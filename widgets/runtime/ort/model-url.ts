/**
 * URLs of the files under public/models/, under the site's base path (see ../site-paths.ts): the same build can
 * be served at the domain root ('/') or under a project path ('/dezoom/'). Pure TS.
 */
import { joinBase } from '../site-paths.ts';

export { joinBase };

/** `modelUrl('transformer.onnx')` -> '/models/transformer.onnx' (or '/dezoom/models/transformer.onnx'). */
export function modelUrl(file: string, base: string = import.meta.env.BASE_URL): string {
  return joinBase(base, `models/${file.replace(/^\/+/, '')}`);
}
