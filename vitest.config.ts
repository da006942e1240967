import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Compiles the runes in `.svelte.ts` controllers (widgets/runtime/kit/) so they can be tested in Node.
  plugins: [svelte({ configFile: false })],
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // CI shares two cores with whatever else runs: a test that takes 0.5 s on an idle machine can take ten times
    // that under load. Time limits catch hangs, not slowness; tests that run onnxruntime or large inputs set
    // their own, longer ones.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One worker process reused across files: every file passes this way, and the suite's CPU time halves
    // (55 s against 120 s, measured side by side on the loaded 2-core machine).
    isolate: false,
  },
});
