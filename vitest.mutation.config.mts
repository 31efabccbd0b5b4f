import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.mts';

/**
 * The slow files last: Stryker stops a mutant's run at its first failing test (bail), so a killed
 * mutant rarely waits for the property tests that walk every day of five years. Order only; every
 * surviving mutant still runs every test.
 */
const SLOW_LAST = ['test/law/names.test.ts', 'test/law/art13-endorsement.test.ts'];

class SlowLawTestsLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => SLOW_LAST.findIndex((s) => f.moduleId.endsWith(s));
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

// `npm run test:mutation` (Stryker, stryker.config.json): the law tests only, and a test file that
// fails to load counts as a failed test (stryker-js #6150; see test/support/unloadable-file-as-failed-test.ts).
// Spread, not mergeConfig: mergeConfig would append to `include` rather than replace it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/law/**/*.test.ts'],
    reporters: ['default', './test/support/unloadable-file-as-failed-test.ts'],
    sequence: { sequencer: SlowLawTestsLast },
  },
});
