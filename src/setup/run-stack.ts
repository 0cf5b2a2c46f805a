// The run's stack, started and torn down the same way by both runners' global setups.
import { envFlag, STORE_NAMES } from 'database-config/internal';
import { startDatabaseStack, type StartedDatabaseStack } from '../containers/stack.js';
import { cleanupRun } from '../fixtures/cleanup-run.js';
import { collectResetReport, keptData } from '../fixtures/report.js';
import type { ResolvedFixturesConfig } from './fixture-config.js';
import { startMode, storesToDefer } from './used-stores.js';
import { settleStartedLater } from '../containers/on-demand-start.js';

/** Starts the configured stores in parallel and applies the migrations once, for the whole run. */
export function startRunStack(
  config: ResolvedFixturesConfig,
  testFiles?: readonly string[],
): Promise<StartedDatabaseStack> {
  const candidates = STORE_NAMES.filter((store) => config[store] !== undefined);
  return startDatabaseStack(config, {
    startLater: storesToDefer(candidates, testFiles, config.reuse ? 'all' : startMode(config)),
  });
}

/**
 * The run's teardown: removes its namespaces, stops its containers (leaving the data kept for
 * failed tests) and prints the reset report when asked (`report`, or `DBC_REPORT`).
 */
export async function stopRunStack(
  stack: StartedDatabaseStack,
  config: Pick<ResolvedFixturesConfig, 'report'>,
): Promise<void> {
  settleStartedLater(stack.info);
  await cleanupRun(stack.info);
  await stack.stop({ keep: keptData(stack.info.runId) });
  const report = collectResetReport(stack.info.runId);
  if (config.report ?? envFlag('DBC_REPORT') ?? false) {
    for (const line of report) process.stderr.write(`database-config: ${line}\n`);
  }
}
