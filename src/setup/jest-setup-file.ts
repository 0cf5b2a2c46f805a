// Jest setup file of the database-config preset (setupFilesAfterEnv): scopes every test file and
// test of the worker that uses the stores. It only translates Jest's hooks; the work is in
// WorkerDatabases, loaded on first need so that files using no store (jsdom ones) pay nothing.
import { jestFileState } from './jest-file-state.js';

type Hook = (fn: () => Promise<void> | void, timeout?: number) => void;
const hooks = globalThis as unknown as { beforeAll: Hook; afterAll: Hook; beforeEach: Hook; afterEach: Hook };
const testName = () =>
  (globalThis as unknown as { expect: { getState(): { currentTestName?: string } } }).expect.getState()
    .currentTestName ?? 'test';

/** The hooks' work, or nothing when the file uses no store. */
async function work() {
  const file = jestFileState();
  file.hooksStarted = true;
  return file.uses ? await import('./jest-hooks.js') : undefined;
}

hooks.beforeAll(async () => (await work())?.beginFile());
hooks.beforeEach(async () => (await work())?.beginTest(testName()));
hooks.afterEach(async () => (await work())?.endTest(testName(), testFailed()));

/**
 * Whether the running test has failed so far. Jest gives hooks no failure state; jest-circus keeps
 * the running test's errors in its state on the test's global (under an unregistered symbol named
 * JEST_STATE_SYMBOL), which is read here. Unknown (another runner, a future layout) counts as passed:
 * only keep-on-failure and the seed print depend on it.
 */
function testFailed(): boolean {
  const symbol = Object.getOwnPropertySymbols(globalThis).find((s) => s.description === 'JEST_STATE_SYMBOL');
  const state = symbol
    ? (globalThis as unknown as Record<symbol, { currentlyRunningTest?: { errors?: unknown[] } }>)[symbol]
    : undefined;
  return (state?.currentlyRunningTest?.errors?.length ?? 0) > 0;
}

hooks.afterAll(async () => (await work())?.endFile(), 60_000);
