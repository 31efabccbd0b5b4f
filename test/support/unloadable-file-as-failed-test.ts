/**
 * A vitest reporter for mutation runs only (vitest.mutation.config.mts): a test file that fails to
 * load becomes one failed test.
 *
 * Why: Stryker's vitest runner (9.6.1, also 10.x; stryker-js #6150) builds a mutant's result from
 * the tests vitest collected. A mutant that makes a module throw while it is imported (a `cite` of
 * a clause that does not exist, an emptied table read at load time) leaves the test files that
 * import it with no tests at all, and no failed test reads as "Survived" although every one of
 * those files failed. Here such a file gets one failed test carrying its load error, so the mutant
 * counts as Killed, which is what it is. A file that loaded is left as it is.
 */
import type { Reporter } from 'vitest/reporters';
import type { Vitest } from 'vitest/node';

/** The parts of vitest's file task this reporter reads and writes. */
export interface FileTaskLike {
  filepath: string;
  name: string;
  id: string;
  tasks: unknown[];
  result?: { state?: string; errors?: unknown[] };
}

export const LOAD_FAILURE_TEST_NAME = 'the test file loads';

/** Adds the failed "the test file loads" test to each file that failed with no tests; returns how many. */
export function markUnloadableFiles(files: readonly FileTaskLike[]): number {
  let marked = 0;
  for (const file of files) {
    if (file.result?.state !== 'fail' || file.tasks.length > 0) continue;
    file.tasks.push({
      type: 'test',
      id: `${file.id}_load`,
      name: LOAD_FAILURE_TEST_NAME,
      mode: 'run',
      file,
      suite: file,
      meta: {},
      // only read once the run has ended; vitest builds a real context for tests it runs
      context: {},
      result: { state: 'fail', errors: file.result.errors ?? [{ message: 'the test file failed to load' }] },
    });
    marked += 1;
  }
  return marked;
}

export default class UnloadableFileAsFailedTest implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(): void {
    if (this.vitest) markUnloadableFiles(this.vitest.state.getFiles());
  }
}
