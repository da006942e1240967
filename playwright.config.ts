import { defineConfig } from '@playwright/test';
import { chromiumPath as executablePath, plainArgs, testOnlyArgs, webgpuArgs } from './tools/browser/chromium.ts';

// End-to-end tests run against the built site (`npm run build` first; `npm test` does both), served by
// `astro preview`. Browsers: Debian's chromium (Playwright's own download cannot work on the project's
// machines), in two configurations: `plain` (no GPU at all) and `webgpu` (a SwiftShader WebGPU adapter).

const CI = !!process.env.CI;
const PORT = Number(process.env.E2E_PORT ?? 4321);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: 2, // the project's machines have 2 cores
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./test/e2e/summary-reporter.ts']],
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    trace: 'on-first-retry', // CI retries once, with a trace; locally pass --trace=on to get one
    screenshot: 'only-on-failure',
    // The site's service worker precaches the whole site after a first visit (scripts/service-worker.js): in
    // every fresh test context that would be 28 MB of background downloads. Its own test allows it
    // (test/e2e-subpath/subpath.spec.ts, offline).
    serviceWorkers: 'block',
  },
  webServer: {
    // --ignore-lock: Astro 7 refuses a second preview server per project (a lock file), and a developer may
    // have one running; the test server runs alongside it and leaves it alone.
    command: `npx astro preview --port ${PORT} --host 127.0.0.1 --ignore-lock`,
    url: `${baseURL}/`,
    reuseExistingServer: !CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  projects: [
    {
      // Every test, in a browser with no GPU at all: what most readers' fallback path looks like.
      name: 'plain',
      testIgnore: /webgpu\.spec\.ts$/,
      grepInvert: /@webgpu-only/,
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath, args: [...plainArgs, ...testOnlyArgs] },
      },
    },
    {
      // Only what a WebGPU adapter can change (tests tagged @webgpu or @webgpu-only), plus one smoke test per
      // model widget (@smoke): layout, links, axe and URL state do not depend on the GPU flags.
      name: 'webgpu',
      grep: /@webgpu|@smoke/,
      // SwiftShader runs WebGPU on the CPU: a model's first run there took over 60 s on a busy 2-core machine.
      timeout: 180_000,
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath, args: [...webgpuArgs, ...testOnlyArgs] },
      },
    },
  ],
});
