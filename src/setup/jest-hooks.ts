// What the preset's hooks do in a file that uses the stores. Loaded by the setup file on first
// need only: it brings the store drivers, which a jsdom file that uses no store must not load.
import { failedTestSeedLine } from '../factories/faker-seed.js';
import { currentScope, hasCurrentScope, setCurrentScope } from '../fixtures/current-scope.js';
import { fileDatabases, jestWorker } from './jest.js';
import { jestFileState } from './jest-file-state.js';
import type { WorkerDatabases } from '../fixtures/worker-databases.js';

export function beginFile(): void {
  const file = jestFileState();
  if (file.fileBegun) return;
  file.fileBegun = true;
  jestWorker().beginFile();
  setCurrentScope({ kind: 'file', name: 'beforeAll', ...fileDatabases() });
}

export async function beginTest(name: string): Promise<void> {
  await jestWorker().beginTest(jestFileState().isolation);
  setCurrentScope({ kind: 'test', name, ...fileDatabases() });
}

/** Ends a test; a failed one prints its faker seed and, with keepOnFailure, keeps its data. */
export async function endTest(name: string, failed: boolean): Promise<void> {
  if (failed && hasCurrentScope()) process.stderr.write(failedTestSeedLine(currentScope()));
  setCurrentScope({ kind: 'file', name: 'afterAll', ...fileDatabases() });
  await jestWorker().endTest(name, failed);
}

export async function endFile(): Promise<void> {
  const file = jestFileState();
  setCurrentScope(undefined);
  await file.clients?.close();
  await file.worker?.endFile();
  await file.release?.();
  Object.assign(file, {
    worker: undefined,
    release: undefined,
    clients: undefined,
    clientsDeclared: false,
    fileBegun: false,
  });
}

/**
 * Scopes a file that production code opened a store in without the file importing the fixtures
 * (the lazy overrides' activation): from module load, a `beforeAll` or inside a test, the scope
 * the hooks would have begun by now is begun here.
 */
export async function activate(): Promise<WorkerDatabases> {
  const file = jestFileState();
  file.uses = true;
  const worker = jestWorker();
  beginFile();
  if (file.phase === 'test') await beginTest(file.testName ?? 'test');
  return worker;
}
