/**
 * URLs of the files under public/models/, under the site's base path: the same build can be served at
 * the domain root ('/') or under a project path ('/dezoom/'), and Astro's BASE_URL comes with or without
 * a trailing slash depending on configuration. Pure TS.
 */
export function joinBase(base: string, path: string): string {
  const head = base.replace(/\/+$/, '');
  const tail = path.replace(/^\/+/, '');
  return `${head}/${tail}`;
}

/** `modelUrl('transformer.onnx')` -> '/models/transformer.onnx' (or '/dezoom/models/transformer.onnx'). */
export function modelUrl(file: string, base: string = import.meta.env.BASE_URL): string {
  return joinBase(base, `models/${file.replace(/^\/+/, '')}`);
}
