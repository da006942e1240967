import { defineConfig } from '@playwright/test';
import { chromiumPath as executablePath, plainArgs, testOnlyArgs } from './tools/browser/chromium.ts';

// The site hosted under a sub-path, as a GitHub Pages project site is: `npm run build:subpath` builds it into
// dist-base/ with BASE_PATH=/dezoom/ and no SITE_URL, and tools/static-server.ts serves that folder under
// /dezoom/ only (nothing answers at the domain's root). test/e2e-subpath/ crawls it. `npm run test:e2e:subpath`.

const CI = !!process.env.CI;
// E2E_SUBPATH_PORT, else E2E_PORT (a developer's own port, as the main config takes it: the two suites do not run
// at once), else 4331.
const PORT = Number(process.env.E2E_SUBPATH_PORT ?? process.env.E2E_PORT ?? 4331);
export const BASE = '/dezoom/';

export default defineConfig({
  testDir: 'test/e2e-subpath',
  fullyParallel: false,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}${BASE}`,
    viewport: { width: 1280, height: 800 },
    trace: 'on-first-retry',
    browserName: 'chromium',
    launchOptions: { executablePath, args: [...plainArgs, ...testOnlyArgs] },
    serviceWorkers: 'block', // the offline tests open their own contexts with the service worker allowed
  },
  webServer: {
    command: `node tools/static-server.ts dist-base ${BASE} ${PORT}`,
    url: `http://127.0.0.1:${PORT}${BASE}`,
    reuseExistingServer: !CI,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
