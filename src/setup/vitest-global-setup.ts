// Vitest global setup added by the databaseFixtures() plugin: starts the stack once per run and
// provides its connection details to the workers (plain data only, through provide/inject).
import type { TestProject } from 'vitest/node';
import debug from 'debug';
import { DatabaseConfigError } from 'database-config/internal';
import { startRunStack, stopRunStack } from './run-stack.js';
import type { StackInfo } from '../containers/stack-info.js';
import type { ResolvedFixturesConfig } from './fixture-config.js';
import { vitestSelectedFiles } from './vitest-selected-files.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The fixture config given to databaseFixtures(). */
    databaseFixturesConfig: ResolvedFixturesConfig;
    /** Where the started stores are. */
    databaseStack: StackInfo;
    /** The project runs with `isolate: false`: a worker process runs many files. */
    databaseFilesShareWorker: boolean;
  }
}

export default async function setup(project: TestProject) {
  const config = project.getProvidedContext().databaseFixturesConfig;
  const stack = await startRunStack(config, vitestSelectedFiles(project)).catch((error: unknown) => {
    throw forVitest(error);
  });
  project.provide('databaseStack', stack.info);
  project.provide('databaseFilesShareWorker', project.config.isolate === false);
  return () => stopRunStack(stack, config);
}

/**
 * Vitest (5.1) reports a global setup that throws as "No test files found", then an "Unhandled
 * Error" with the stack, a code frame of the throwing line and the error's fields. For this
 * library's errors, which say what to fix, the message is printed first, and the error is handed
 * to Vitest with its name and message alone (no frames, no fields); DEBUG=database-config:setup
 * keeps the original.
 */
function forVitest(error: unknown): unknown {
  if (!(error instanceof DatabaseConfigError) || debug.enabled('database-config:setup')) return error;
  process.stderr.write(
    `database-config: the setup failed before any test ran.\n${error.name}: ${error.message}\n\n`,
  );
  const shown = new Error(error.message);
  shown.name = error.name;
  shown.stack = `${error.name}: ${error.message}`;
  return shown;
}
