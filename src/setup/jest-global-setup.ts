// Jest globalSetup of the database-config preset: starts the stack once for the run and hands its
// connection details to the workers through the environment (Jest workers are forked after this
// runs and inherit it; globals set here would not reach them).
import { startDatabaseStack, type StartedDatabaseStack } from '../containers/stack.js';
import { loadJestFixturesConfig } from './fixtures-config-file.js';
import { STACK_ENV } from './jest-config.js';

const KEY = Symbol.for('database-config.jest-stack');

export default async function globalSetup(
  _globalConfig: unknown,
  projectConfig?: { rootDir?: string },
): Promise<void> {
  const stack = await startDatabaseStack(
    await loadJestFixturesConfig(projectConfig?.rootDir ?? process.cwd()),
  );
  process.env[STACK_ENV] = JSON.stringify(stack.info);
  (globalThis as { [KEY]?: StartedDatabaseStack })[KEY] = stack;
}

/** The stack globalSetup started (globalTeardown runs in the same process). */
export function startedStack(): StartedDatabaseStack | undefined {
  return (globalThis as { [KEY]?: StartedDatabaseStack })[KEY];
}
