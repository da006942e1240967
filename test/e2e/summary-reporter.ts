import type { FullResult, Reporter, Suite, TestCase } from '@playwright/test/reporter';

// Prints one closing line per project and one overall verdict, after the `list` reporter's output, e.g.
//   e2e plain: 41 passed, 0 failed, 0 flaky, 0 skipped
//   e2e webgpu: 37 passed, 0 failed, 0 flaky, 0 skipped
//   E2E PASS (78 passed, 0 failed, 0 flaky, 0 skipped)
// A failing run lists the failed tests by title before the verdict.
type Counts = { passed: number; failed: number; flaky: number; skipped: number };

const zero = (): Counts => ({ passed: 0, failed: 0, flaky: 0, skipped: 0 });
const fmt = (c: Counts) => `${c.passed} passed, ${c.failed} failed, ${c.flaky} flaky, ${c.skipped} skipped`;

export default class SummaryReporter implements Reporter {
  private root: Suite | undefined;

  onBegin(_config: unknown, suite: Suite) {
    this.root = suite;
  }

  printsToStdio() {
    return true;
  }

  onEnd(result: FullResult) {
    const all = this.root?.allTests() ?? [];
    if (all.every((t) => t.results.length === 0) && result.status === 'passed') {
      // `--list`, or nothing selected: no verdict to give.
      console.log(`\ne2e: ${all.length} test(s) listed, none run`);
      return;
    }
    const perProject = new Map<string, Counts>();
    const total = zero();
    const failed: string[] = [];
    for (const test of all) {
      const project = test.parent.project()?.name ?? '(none)';
      const c = perProject.get(project) ?? zero();
      perProject.set(project, c);
      const key = bucket(test);
      c[key]++;
      total[key]++;
      if (key === 'failed') failed.push(`[${project}] ${test.titlePath().slice(2).join(' › ')}`);
    }
    const lines = [''];
    for (const [name, c] of perProject) lines.push(`e2e ${name}: ${fmt(c)}`);
    if (failed.length) lines.push('failed:', ...failed.map((t) => `  ✘ ${t}`));
    const ok = result.status === 'passed' && total.failed === 0;
    lines.push(`E2E ${ok ? 'PASS' : 'FAIL'} (${fmt(total)}; run status: ${result.status})`);
    // The plain closing line CI reads: "word: N passed, N failed, N skipped" alone on a line.
    lines.push(`e2e: ${total.passed + total.flaky} passed, ${total.failed} failed, ${total.skipped} skipped`);
    console.log(lines.join('\n'));
  }
}

function bucket(test: TestCase): keyof Counts {
  switch (test.outcome()) {
    case 'expected':
      return 'passed';
    case 'flaky':
      return 'flaky';
    case 'skipped':
      return 'skipped';
    default:
      return 'failed';
  }
}
