// Links to one figure in its current state. A figure's state lives in the query string under
// "<figure id>.<field>" keys; the embed page takes the same fields without the prefix. Paths on the site go
// through the base path (BASE_PATH, e.g. '/dezoom/'), passed in so that these functions stay pure.
import { sitePath } from '../../widgets/runtime/site-paths.ts';

function stateOf(href: string, figureId: string): URLSearchParams {
  const prefix = `${figureId}.`;
  const out = new URLSearchParams();
  for (const [key, value] of new URL(href).searchParams) {
    if (key.startsWith(prefix) && key.length > prefix.length) out.append(key.slice(prefix.length), value);
  }
  return out;
}

/** The page URL with only this figure's state, anchored at the figure. */
export function figureLink(href: string, figureId: string): string {
  const url = new URL(href);
  const namespaced = new URLSearchParams();
  for (const [key, value] of stateOf(href, figureId)) namespaced.append(`${figureId}.${key}`, value);
  url.search = namespaced.toString();
  url.hash = figureId;
  return url.toString();
}

/**
 * `href` with the figure's opening state (`query`, from `<Figure state={{…}}>`: its data-figure-state) filled
 * in for each field the URL does not carry. On the article a link leaves out what equals the opening state
 * (the page supplies it); an embed page has no essay to supply it, so its code must carry it.
 */
export function withOpeningState(href: string, figureId: string, query: string | undefined): string {
  if (!query) return href;
  const url = new URL(href);
  for (const [name, value] of new URLSearchParams(query)) {
    const key = `${figureId}.${name}`;
    if (!url.searchParams.has(key)) url.searchParams.append(key, value);
  }
  return url.toString();
}

/** The embed page of `widget` at the site's base path (BASE_URL by default), with this figure's state. */
export function embedUrl(href: string, figureId: string, widget: string, base: string = import.meta.env.BASE_URL): string {
  const url = new URL(sitePath(`/embed/${encodeURIComponent(widget)}/`, base), href);
  url.search = stateOf(href, figureId).toString();
  return url.toString();
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function embedCode(href: string, figureId: string, widget: string, title: string, base: string = import.meta.env.BASE_URL): string {
  const src = embedUrl(href, figureId, widget, base);
  const name = title.length > 120 ? `${title.slice(0, 117)}…` : title;
  return `<iframe src="${escapeAttr(src)}" title="${escapeAttr(name || widget)}" width="100%" height="720" style="border:0" loading="lazy"></iframe>`;
}

/** From an embed page back to the article figure, with the state re-namespaced; `articlePath` includes the base. */
export function articleLink(embedHref: string, articlePath: string, figureId: string): string {
  const embed = new URL(embedHref);
  const url = new URL(articlePath, embedHref);
  for (const [key, value] of embed.searchParams) url.searchParams.append(`${figureId}.${key}`, value);
  url.hash = figureId;
  return url.toString();
}
