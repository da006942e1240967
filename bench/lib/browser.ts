// Debian chromium through Playwright, with the same flags as the e2e projects.
import { chromium, type Browser } from '@playwright/test';
import { chromiumPath, plainArgs, webgpuArgs } from '../../tools/browser/chromium.ts';

export function launchChromium(gpu: 'plain' | 'webgpu' = 'plain'): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: gpu === 'webgpu' ? webgpuArgs : plainArgs });
}

export { trackNetwork, scrollThrough, islandCounts } from '../../tools/browser/page-helpers.ts';
