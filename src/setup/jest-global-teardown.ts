// Jest globalTeardown of the database-config preset: removes the run's namespaces, stops the
// containers and prints the reset report when asked.
import { envFlag } from 'database-config/internal';
import { cleanupRun } from '../fixtures/cleanup-run.js';
import { collectResetReport, keptData } from '../fixtures/report.js';
import { readJestFixturesConfig } from './jest-config.js';
import { startedStack } from './jest-global-setup.js';

export default async function globalTeardown(): Promise<void> {
  const stack = startedStack();
  if (!stack) return;
  await cleanupRun(stack.info);
  await stack.stop({ keep: keptData(stack.info.runId) });
  const report = collectResetReport(stack.info.runId);
  if (readJestFixturesConfig().report ?? envFlag('DBC_REPORT') ?? false) {
    for (const line of report) process.stderr.write(`database-config: ${line}\n`);
  }
}
