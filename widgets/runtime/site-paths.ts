/**
 * The one place where the site's own URLs are made. The same build may be served at a domain's root ('/') or
 * under a sub-path ('/dezoom/', as GitHub Pages project sites are): `BASE_PATH` at build time becomes Astro's
 * `base` and `import.meta.env.BASE_URL`. Absolute URLs (canonical links, Open Graph, RSS, the sitemap, the
 * "how to cite" URL) also need the site's origin, `SITE_URL` (Astro's `site`, `import.meta.env.SITE`); without
 * it they are left out rather than pointing at a made-up host. Pure TS: the base and site are parameters with
 * the build's values as defaults, so tests and Node code pass their own.
 */

/** `joinBase('/dezoom', '/tags/')` -> '/dezoom/tags/'; BASE_URL comes with or without a trailing slash. */
export function joinBase(base: string, path: string): string {
  const head = base.replace(/\/+$/, '');
  const tail = path.replace(/^\/+/, '');
  return `${head}/${tail}`;
}

/** A path on this site, under the base path: sitePath('/tags/') -> '/tags/' or '/dezoom/tags/'. */
export function sitePath(path: string, base: string = import.meta.env.BASE_URL): string {
  return joinBase(base, path);
}

/** The site's origin and base as configured (SITE_URL), or null when the build has none. */
export function siteOrigin(site: string | undefined = import.meta.env.SITE): URL | null {
  if (!site) return null;
  try {
    return new URL(site);
  } catch {
    return null;
  }
}

/** An absolute URL for a site path, or null when the build has no SITE_URL. */
export function absoluteUrl(path: string, site: string | undefined = import.meta.env.SITE, base: string = import.meta.env.BASE_URL): string | null {
  const origin = siteOrigin(site);
  return origin ? new URL(sitePath(path, base), origin).toString() : null;
}
