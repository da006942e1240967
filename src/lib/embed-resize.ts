/**
 * Embeds that fit their frame. An embed page (/embed/<widget>/) posts its height to the page that frames it,
 * whenever the height changes:
 *
 *   window.parent.postMessage({ type: 'dezoom:embed-height', height: 812, href: 'https://…/embed/attention/?…' }, '*')
 *
 * `height` is the document's height in CSS pixels. The message holds nothing but the height and the embed's
 * own URL, so it goes to any origin ('*'): any page may listen. The embed code the figures' "Copy embed code"
 * button gives (`resizingEmbedCode`) is an iframe plus a few lines that listen for it and set the iframe's
 * height; a page that drops the script keeps a fixed-height iframe that scrolls.
 *
 * `?controls=0` on an embed URL shows the figure without its controls, for widgets that have such a view
 * (the receptive-field explorer and the attention explorer), as TensorFlow Playground's hide options do.
 */
import { embedUrl } from './figure-links.ts';

export const EMBED_HEIGHT_MESSAGE = 'dezoom:embed-height';

export interface EmbedHeightMessage {
  type: typeof EMBED_HEIGHT_MESSAGE;
  height: number;
  href: string;
}

export function isEmbedHeightMessage(data: unknown): data is EmbedHeightMessage {
  if (!data || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  return d.type === EMBED_HEIGHT_MESSAGE && typeof d.height === 'number' && Number.isFinite(d.height) && d.height > 0 && typeof d.href === 'string';
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A DOM id for the iframe: letters, digits and dashes only, so it is safe inside the script below. */
export function frameId(figureId: string, widget: string): string {
  return `dezoom-${widget}-${figureId}`.replace(/[^a-zA-Z0-9-]/g, '-').slice(0, 80);
}

/**
 * The iframe and the listener that sizes it. The listener checks that the message comes from this iframe
 * (event.source), and clamps the height, so another frame on the page cannot resize it or make it huge.
 */
export function resizingEmbedCode(href: string, figureId: string, widget: string, title: string, options: { controls?: boolean } = {}): string {
  const url = new URL(embedUrl(href, figureId, widget));
  if (options.controls === false) url.searchParams.set('controls', '0');
  const name = title.length > 120 ? `${title.slice(0, 117)}…` : title;
  const id = frameId(figureId, widget);
  const iframe = `<iframe id="${id}" src="${escapeAttr(url.toString())}" title="${escapeAttr(name || widget)}" width="100%" height="720" style="border:0" loading="lazy"></iframe>`;
  const script =
    `<script>addEventListener("message",function(e){var f=document.getElementById("${id}");` +
    `if(f&&e.source===f.contentWindow&&e.data&&e.data.type==="${EMBED_HEIGHT_MESSAGE}"&&e.data.height>0)` +
    `f.style.height=Math.min(e.data.height,20000)+"px"});</script>`;
  return iframe + script; // one line: the figure shows it in a one-line text field
}

/** Browser side of the embed page: post the height now and on every change. */
export function postHeightToParent(win: Window = window): void {
  if (win.parent === win) return; // not framed
  let last = 0;
  const post = () => {
    const height = Math.ceil(win.document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    const message: EmbedHeightMessage = { type: EMBED_HEIGHT_MESSAGE, height, href: win.location.href };
    win.parent.postMessage(message, '*');
  };
  post();
  new ResizeObserver(post).observe(win.document.documentElement);
}
