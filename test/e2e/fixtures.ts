// `test` with a `guard` that watches every page of the test's browser context (and any context the test
// attaches to it) for console errors, uncaught page errors, dialogs, and requests that leave the site's
// origin. Requests to other origins are aborted (so a leak can't slow tests) and recorded; the test fails at
// the end if anything was recorded. Specs that expect a particular console message can allow it.
import { test as base, expect, type BrowserContext } from '@playwright/test';

export type Guard = {
  origin: string;
  consoleErrors: string[];
  pageErrors: string[];
  foreignRequests: string[];
  dialogs: string[];
  /** Watch another context (e.g. a fresh one opened to check that a link restores state). */
  attach(context: BrowserContext): Promise<void>;
  /** Console errors matching this are expected in this test and not reported. */
  allowConsole(re: RegExp): void;
  /** Everything recorded so far, as text ('' when clean). */
  report(): string;
};

const isNetwork = (url: string) => /^(https?|wss?):/i.test(url);

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ context, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const allowed: RegExp[] = [];
      const guard: Guard = {
        origin,
        consoleErrors: [],
        pageErrors: [],
        foreignRequests: [],
        dialogs: [],
        async attach(ctx) {
          await ctx.route(
            (url) => isNetwork(url.href) && url.origin !== origin,
            (route) => route.abort('blockedbyclient'),
          );
          ctx.on('request', (req) => {
            const url = req.url();
            if (isNetwork(url) && new URL(url).origin !== origin) {
              guard.foreignRequests.push(`${req.method()} ${url} (${req.resourceType()}, from ${req.frame().url()})`);
            }
          });
          ctx.on('console', (msg) => {
            if (msg.type() !== 'error') return;
            const text = msg.text();
            // A blocked foreign request is reported once, as a foreign request.
            if (/ERR_BLOCKED_BY_CLIENT/.test(text)) return;
            if (allowed.some((re) => re.test(text))) return;
            const loc = msg.location();
            guard.consoleErrors.push(`${text}${loc.url ? ` (at ${loc.url}:${loc.lineNumber})` : ''} [page ${msg.page()?.url()}]`);
          });
          ctx.on('weberror', (err) => {
            guard.pageErrors.push(`${err.error().stack ?? err.error().message} [page ${err.page()?.url()}]`);
          });
          ctx.on('dialog', async (dialog) => {
            guard.dialogs.push(`${dialog.type()}: ${dialog.message()} [page ${dialog.page()?.url()}]`);
            await dialog.dismiss().catch(() => {});
          });
        },
        allowConsole(re) {
          allowed.push(re);
        },
        report() {
          const parts: string[] = [];
          const section = (title: string, items: string[]) => {
            if (items.length) parts.push(`${title}:\n${items.map((i) => `  - ${i}`).join('\n')}`);
          };
          section('console errors', guard.consoleErrors);
          section('uncaught page errors', guard.pageErrors);
          section('requests to other origins than ' + origin, guard.foreignRequests);
          section('dialogs', guard.dialogs);
          return parts.join('\n');
        },
      };
      await guard.attach(context);
      await use(guard);
      // Checked after the test body: a test that passed its own assertions still fails here.
      expect(guard.report(), 'the page(s) must run clean').toBe('');
    },
    { auto: true },
  ],
});

export { expect };
