// `npm test`: the unit tests, the build, then the browser tests against that build, in that order, stopping
// at the first step that fails. Prints how long each step took, so a slow CI run says where its time went.
import { spawnSync } from 'node:child_process';

const steps: [name: string, script: string][] = [
  ['unit', 'test:unit'],
  ['build', 'build'],
  ['e2e', 'test:e2e'],
];

const times: string[] = [];
const report = () => console.log(`\nnpm test steps: ${times.join(', ')}`);

for (const [name, script] of steps) {
  const started = performance.now();
  console.log(`\n==> npm test: ${name} (npm run ${script})`);
  const { status, signal } = spawnSync('npm', ['run', script], { stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  times.push(`${name} ${seconds} s`);
  if (status !== 0) {
    report();
    console.error(`npm test: step ${name} failed (${signal ?? `exit ${status}`})`);
    process.exit(status || 1);
  }
}
report();
