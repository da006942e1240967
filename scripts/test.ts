// `npm test`: the unit tests, the build, then the browser tests against that build, then the same site built
// under a sub-path and crawled there, in that order, stopping at the first step that fails. Prints how long
// each step took, so a slow CI run says where its time went.
//
// The main build is given a SITE_URL (the hosted site's origin; the sitemap, RSS and Open Graph tests need one):
// https://dezoom.example unless one is set. The e2e link check maps that origin to the test server. The
// sub-path build has none on purpose: it is also the check that a build without SITE_URL names no localhost.
import { spawnSync } from 'node:child_process';

process.env.SITE_URL ||= 'https://dezoom.example';

const steps: [name: string, script: string][] = [
  ['unit', 'test:unit'],
  ['build', 'build'],
  ['e2e', 'test:e2e'],
  ['build:subpath', 'build:subpath'],
  ['e2e:subpath', 'test:e2e:subpath'],
];

const times: string[] = [];
const report = () => console.log(`\nnpm test steps: ${times.join(', ')}`);

for (const [name, script] of steps) {
  const started = performance.now();
  console.log(`\n==> npm test: ${name} (npm run ${script})`);
  const env = script === 'build:subpath' ? { ...process.env, SITE_URL: '' } : process.env;
  const { status, signal } = spawnSync('npm', ['run', script], { stdio: 'inherit', env });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  times.push(`${name} ${seconds} s`);
  if (status !== 0) {
    report();
    console.error(`npm test: step ${name} failed (${signal ?? `exit ${status}`})`);
    process.exit(status || 1);
  }
}
report();
