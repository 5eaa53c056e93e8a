// Prints one machine-readable closing line after every run:
//   Tests: N passed, N failed, N skipped
// A test file that fails to import (no test ran) counts as one failure, so a broken
// module can never produce a green summary.
import type { Reporter, TestModule } from 'vitest/node';

interface SerializedErrorLike {
  message?: string;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedErrorLike>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of modules) {
      let count = 0;
      for (const test of mod.children.allTests()) {
        count += 1;
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      if (count === 0 && mod.errors().length > 0) failed += 1;
      else if (mod.errors().length > 0 && mod.state() === 'failed') failed += 1;
    }
    failed += unhandledErrors.length;
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
