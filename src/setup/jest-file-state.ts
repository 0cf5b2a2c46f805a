import type { Databases } from '../fixtures/scope-databases.js';
import type { IsolationOptions, WorkerDatabases } from '../fixtures/worker-databases.js';

/**
 * The running Jest test file's database state. It lives on the file's global, not in module
 * scope: the preset's setup file is the CommonJS build, a test in ESM mode imports the ESM build
 * of `database-config-testing/jest`, and both must see one worker. This module loads no store driver, so
 * the setup file costs nothing in files that use no store (jsdom files included).
 */
export interface JestFileState {
  /** The file imported `database-config-testing/jest` or `database-config-testing/factories`. */
  uses: boolean;
  /** The preset's hooks have started running for this file. */
  hooksStarted: boolean;
  /** Where the file is: loading its modules, in a file hook (`beforeAll`...), or in a test. */
  phase: 'load' | 'file' | 'test';
  /** The running test's name (phase `test`). */
  testName?: string;
  /** The worker's file scope has begun (at the first beforeAll, or when production code first opened a store). */
  fileBegun: boolean;
  worker?: WorkerDatabases;
  release?: () => Promise<void>;
  isolation: IsolationOptions;
  clients?: Databases<unknown> & { close(): Promise<void> };
  /** useDatabases() made `clients` (with the file's Prisma class and models), not the hooks. */
  clientsDeclared?: boolean;
}

const KEY = Symbol.for('database-config.jest-file');
type Holder = { [KEY]?: JestFileState };

export function jestFileState(): JestFileState {
  return ((globalThis as Holder)[KEY] ??= {
    uses: false,
    hooksStarted: false,
    phase: 'load',
    fileBegun: false,
    isolation: {},
  });
}

/** Marks the running file as one that uses the stores, so the preset's hooks scope it. */
export function markDatabaseUse(): void {
  jestFileState().uses = true;
}
