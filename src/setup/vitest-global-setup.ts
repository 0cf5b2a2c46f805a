// Vitest global setup added by the databaseFixtures() plugin: starts the stack once per run and
// provides its connection details to the workers (plain data only, through provide/inject).
import type { TestProject } from 'vitest/node';
import { startDatabaseStack } from '../containers/stack.js';
import { cleanupRun } from '../fixtures/cleanup-run.js';
import { collectResetReport, keptData } from '../fixtures/report.js';
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
  const config = project.getProvidedContext().databaseFixturesConfig;
  const stack = await startDatabaseStack(config);
  project.provide('databaseStack', stack.info);
  return async () => {
    await cleanupRun(stack.info);
    await stack.stop({ keep: keptData(stack.info.runId) });
    const report = collectResetReport(stack.info.runId);
    if (config.report ?? process.env.DBC_REPORT === 'true') {
      for (const line of report) process.stderr.write(`database-config: ${line}\n`);
    }
  };
}
