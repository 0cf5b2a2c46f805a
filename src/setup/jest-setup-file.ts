// Jest setup file of the database-config preset (setupFilesAfterEnv): scopes every test file and
// test of the worker. It only translates Jest's hooks; the work is in WorkerDatabases.
import { setCurrentScope } from '../fixtures/current-scope.js';
import { currentWorkerId } from '../fixtures/worker-id.js';
import { acquireWorker } from '../fixtures/shared-worker.js';
import { readJestFixturesConfig, readJestStack } from './jest-config.js';
import { fileDatabases, fileIsolation, setJestWorker } from './jest.js';

type Hook = (fn: () => Promise<void> | void, timeout?: number) => void;
const hooks = globalThis as unknown as { beforeAll: Hook; afterAll: Hook; beforeEach: Hook; afterEach: Hook };
const expectState = () =>
  (globalThis as unknown as { expect: { getState(): { currentTestName?: string } } }).expect.getState();

const { worker, release } = acquireWorker(
  readJestStack(),
  currentWorkerId(),
  readJestFixturesConfig().isolation ?? {},
);
setJestWorker(worker);

hooks.beforeAll(() => {
  worker.beginFile(fileIsolation());
  setCurrentScope({ kind: 'file', name: 'beforeAll', ...fileDatabases() });
});

hooks.beforeEach(async () => {
  await worker.beginTest(fileIsolation());
  setCurrentScope({ kind: 'test', name: expectState().currentTestName ?? 'test', ...fileDatabases() });
});

hooks.afterEach(async () => {
  setCurrentScope({ kind: 'file', name: 'afterAll', ...fileDatabases() });
  await worker.endTest(expectState().currentTestName ?? 'test');
});

// Jest gives hooks no per-test failure state, so the faker seed is not printed on failure as in
// Vitest; `describeFactorySeed()` from database-config/factories prints it from a test.

hooks.afterAll(async () => {
  setCurrentScope(undefined);
  await fileDatabases().close();
  await worker.endFile();
  await release();
  setJestWorker(undefined);
}, 60_000);
