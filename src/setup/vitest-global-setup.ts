// Vitest global setup added by the databaseFixtures() plugin: starts the stack once per run and
// provides its connection details to the workers (plain data only, through provide/inject).
import type { TestProject } from 'vitest/node';
import { startDatabaseStack } from '../containers/stack.js';
import type { StackInfo } from '../containers/stack-info.js';
import type { ResolvedFixturesConfig } from './fixture-config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The fixture config given to databaseFixtures(). */
    databaseFixturesConfig: ResolvedFixturesConfig;
    /** Where the started stores are. */
    databaseStack: StackInfo;
  }
}

export default async function setup(project: TestProject) {
  const stack = await startDatabaseStack(project.getProvidedContext().databaseFixturesConfig);
  project.provide('databaseStack', stack.info);
  return () => stack.stop();
}
