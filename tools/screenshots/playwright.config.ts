import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { chromiumPath as executablePath, plainArgs } from '../browser/chromium.ts';

// `npm run shots`: every figure, compared with the stored screenshots (README.md). SHOTS_URL serves the build
// under test (default: astro preview of dist/ on port 4330); SHOTS_DIR keeps the stored set.
const PORT = 4330;
const external = process.env.SHOTS_URL;

export default defineConfig({
  testDir: '.',
  testMatch: /\.shots\.ts$/,
  workers: 2,
  reporter: 'list',
  snapshotPathTemplate: `${process.env.SHOTS_DIR ?? 'test-results/shots'}/{arg}{ext}`,
  use: {
    baseURL: external ?? `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath, args: plainArgs },
  },
  webServer: external
    ? undefined
    : {
        command: `npx astro preview --port ${PORT} --host 127.0.0.1 --ignore-lock`,
        cwd: fileURLToPath(new URL('../..', import.meta.url)), // the project, whose dist/ it serves
        url: `http://127.0.0.1:${PORT}/`,
        reuseExistingServer: true,
        timeout: 120_000,
      },
});
