// Vitest setup file added by the databaseFixtures() plugin: scopes every test file of the project,
// also one that imports nothing from database-config-testing (an e2e file that builds the
// application, whose code builds its clients through database-config). It only translates
// Vitest's hooks; files using databaseTest() are scoped by its fixtures, which run first (Vitest
// sets up a test's automatic fixtures before its beforeEach hooks), and these hooks then stand aside.
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { installLazyOverrides } from '../fixtures/lazy-overrides.js';
import { acquireWorker, sharedWorker } from '../fixtures/shared-worker.js';
import { currentWorkerId } from '../fixtures/worker-id.js';
import type { WorkerDatabases } from '../fixtures/worker-databases.js';

const stack = inject('databaseStack');
const config = inject('databaseFixturesConfig');
const workerId = currentWorkerId();
const state: { phase: 'load' | 'file' | 'test'; ownTest: boolean; release?: () => Promise<void> } = {
  phase: 'load',
  ownTest: false,
};

async function beginTest(worker: WorkerDatabases) {
  if (worker.testRunning) return;
  await worker.beginTest();
  state.ownTest = true;
}

if (stack && config) {
  // Production code's first client acquires the worker; the hooks scope the file from then on.
  installLazyOverrides(stack, workerId, async () => {
    const acquired = acquireWorker(stack, workerId, config.isolation ?? {});
    state.release = acquired.release;
    acquired.worker.beginFile();
    if (state.phase === 'test') await beginTest(acquired.worker);
    return acquired.worker;
  });
}

const worker = () => (stack ? sharedWorker(stack, workerId) : undefined);

beforeAll(() => {
  state.phase = 'file';
  worker()?.beginFile();
});

beforeEach(async () => {
  state.phase = 'test';
  const current = worker();
  if (current) await beginTest(current);
});

afterEach(async ({ task }) => {
  state.phase = 'file';
  if (!state.ownTest) return;
  state.ownTest = false;
  await worker()?.endTest(task.fullTestName ?? task.name, task.result?.state === 'fail');
});

afterAll(async () => {
  await worker()?.endFile();
  // With isolate: false the worker (and the clients an application built on it) lasts across files.
  if (!inject('databaseFilesShareWorker')) await state.release?.();
}, 60_000);
