// Jest setup file of the database-config preset (setupFilesAfterEnv): scopes every test file and
// test of the worker that uses the stores. It only translates Jest's hooks; the work is in
// WorkerDatabases, loaded on first need so that files using no store (jsdom ones) pay nothing.
// A file uses the stores when it imports database-config-testing/jest or /factories, or when code
// it runs (the application under test) builds a client through database-config: the overrides
// installed here hand that code the worker's namespaces and scope the file at its first client.
import type { StackInfo } from '../containers/stack-info.js';
import { installLazyOverrides } from '../fixtures/lazy-overrides.js';
import { currentWorkerId } from '../fixtures/worker-id.js';
import { STACK_ENV } from './jest-config.js';
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

const stack = process.env[STACK_ENV];
if (stack) {
  installLazyOverrides(JSON.parse(stack) as StackInfo, currentWorkerId(), async () =>
    (await import('./jest-hooks.js')).activate(),
  );
}

hooks.beforeAll(async () => {
  jestFileState().phase = 'file';
  await (await work())?.beginFile();
});
hooks.beforeEach(async () => {
  Object.assign(jestFileState(), { phase: 'test', testName: testName() });
  await (await work())?.beginTest(testName());
});
hooks.afterEach(async () => {
  await (await work())?.endTest(testName(), testFailed());
  jestFileState().phase = 'file';
});

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
