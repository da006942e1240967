/**
 * Options an embed page's URL may carry besides the figure's state (src/lib/embed-resize.ts documents them):
 * `controls=0` shows the figure without its controls. Only on embed pages (figureId ''): in an essay the
 * prose decides. Read once the view is mounted, like the URL state, so the server HTML and the first
 * client render agree.
 */
export function controlsHiddenByEmbed(figureId: string, search: string = typeof location === 'undefined' ? '' : location.search): boolean {
  return figureId === '' && new URLSearchParams(search).get('controls') === '0';
}
