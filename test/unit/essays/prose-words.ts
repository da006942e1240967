/**
 * Words of running prose in an MDX essay, for the essays' "at least N words" claims: drops frontmatter,
 * imports, tables (Markdown and JSX), display math, figures, tags, expressions, citations and code.
 */
export function proseWords(mdx: string): number {
  const text = mdx
    .replace(/^---[\s\S]*?\n---\n/, '')
    .replace(/^import .*$/gm, '')
    .replace(/<table>[\s\S]*?<\/table>/g, '')
    .replace(/^\|.*$/gm, '')
    .replace(/\$\$[\s\S]*?\$\$/g, '')
    .replace(/\$[^$\n]*\$/g, 'x')
    .replace(/<Figure[\s\S]*?<\/Figure>/g, '')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/\{[^}]*\}/g, 'N')
    .replace(/\[@[^\]]*\]/g, '')
    .replace(/`[^`]*`/g, 'code');
  return text.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
}
