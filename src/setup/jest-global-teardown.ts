// Jest globalTeardown of the database-config preset: removes the run's namespaces, stops the
// containers and prints the reset report when asked.
import { readJestFixturesConfig } from './jest-config.js';
import { startedStack } from './jest-global-setup.js';
import { stopRunStack } from './run-stack.js';

export default async function globalTeardown(): Promise<void> {
  const stack = startedStack();
  if (stack) await stopRunStack(stack, readJestFixturesConfig());
}
