// Jest globalSetup of the database-config preset: starts the stack once for the run and hands its
// connection details to the workers through the environment (Jest workers are forked after this
// runs and inherit it; globals set here would not reach them).
import type { StartedDatabaseStack } from '../containers/stack.js';
import { STACK_ENV } from '../fixtures/jest/jest-variables.js';
import { processSlot } from '../fixtures/process-state.js';
import { loadJestFixturesConfig } from './jest-config-file.js';
import { startRunStack } from './run-stack.js';
import { jestSelectedFiles } from './jest-selected-files.js';

const started = processSlot<StartedDatabaseStack>('jestStack');

export default async function globalSetup(
  globalConfig: unknown,
  projectConfig?: { rootDir?: string },
): Promise<void> {
  const stack = await startRunStack(
    await loadJestFixturesConfig(projectConfig?.rootDir ?? process.cwd()),
    jestSelectedFiles(globalConfig, projectConfig),
  );
  process.env[STACK_ENV] = JSON.stringify(stack.info);
  started.set(stack);
}

/** The stack globalSetup started (globalTeardown runs in the same process). */
export function startedStack(): StartedDatabaseStack | undefined {
  return started.get();
}
