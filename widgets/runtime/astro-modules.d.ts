// Only Astro's language tools (astro check) resolve `.astro` imports; plain `tsc` cannot. This
// fallback lets .ts files that import Astro components (widgets/registry.ts) type-check with tsc
// too. Where the real module resolves, TypeScript uses it and ignores this wildcard.
declare module '*.astro' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const component: (props: Record<string, any>) => any;
  export default component;
}
