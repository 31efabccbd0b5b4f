/**
 * The mutation run's reporter (stryker-js #6150): a test file that failed to load becomes one failed
 * test, so Stryker counts the mutant that broke the import as Killed; a file that loaded is left alone.
 */
import { describe, it, expect } from 'vitest';
import {
  LOAD_FAILURE_TEST_NAME,
  markUnloadableFiles,
  type FileTaskLike,
} from '../support/unloadable-file-as-failed-test';

const file = (
  name: string,
  state: string | undefined,
  tasks: unknown[] = [],
  errors?: unknown[],
): FileTaskLike => ({
  filepath: `/x/${name}`,
  name,
  id: name,
  tasks,
  result: state === undefined ? undefined : { state, ...(errors ? { errors } : {}) },
});

describe('markUnloadableFiles', () => {
  it.each([
    // case,                                   file,                                                             marked
    [
      'failed to load (no tests, state fail)',
      file('a.test.ts', 'fail', [], [{ message: 'no clause 13' }]),
      true,
    ],
    ['failed to load, no error recorded', file('b.test.ts', 'fail'), true],
    ['loaded, a test failed', file('c.test.ts', 'fail', [{ type: 'test', name: 't' }]), false],
    ['loaded, all passed', file('d.test.ts', 'pass', [{ type: 'test', name: 't' }]), false],
    ['no result (not run, e.g. after bail)', file('e.test.ts', undefined), false],
  ] as [string, FileTaskLike, boolean][])('%s: marked %s', (_case, f, marked) => {
    const before = f.tasks.length;
    expect(markUnloadableFiles([f])).toBe(marked ? 1 : 0);
    expect(f.tasks.length).toBe(before + (marked ? 1 : 0));
    if (marked) {
      expect(f.tasks[0]).toMatchObject({
        type: 'test',
        name: LOAD_FAILURE_TEST_NAME,
        mode: 'run',
        file: f,
        suite: f,
        result: { state: 'fail' },
      });
      const errors = (f.tasks[0] as { result: { errors: { message: string }[] } }).result.errors;
      expect(errors[0].message).toBe(f.result?.errors ? 'no clause 13' : 'the test file failed to load');
    }
  });
});
