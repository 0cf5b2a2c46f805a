// Starting stacks for the benchmark: every stack is registered for cleanup as it starts.
import { startDatabaseStack, type StartedDatabaseStack } from '../../src/internal/bench.js';
import type { ResolvedFixturesConfig } from '../../src/public/index.js';
import { onCleanup } from './cleanup.js';
import { removeContainers, reusedContainers } from './docker.js';

const quiet = () => undefined;

/** Starts a (non-reuse) stack and registers its stop; returns the stack and its stop function. */
export async function startTracked(config: ResolvedFixturesConfig): Promise<{
  stack: StartedDatabaseStack;
  stop: () => Promise<void>;
}> {
  const stack = await startDatabaseStack(config, { progress: quiet });
  const stop = onCleanup(`stop stack ${stack.info.runId}`, () => stack.stop());
  return { stack, stop };
}

let removal: (() => Promise<void>) | undefined;

/**
 * Starts (or attaches to) the run's reused stack. The removal of every container carrying the
 * run's marker is registered before the start, so a failed start leaves none behind either.
 */
export async function startReused(config: ResolvedFixturesConfig): Promise<StartedDatabaseStack> {
  removal ??= onCleanup('remove reused containers', async () => {
    removal = undefined;
    await removeContainers(await reusedContainers());
  });
  return startDatabaseStack({ ...config, reuse: true }, { progress: quiet });
}

/** Removes the run's reused containers now; returns how many. */
export async function removeReused(): Promise<number> {
  const found = await reusedContainers();
  if (removal) await removal();
  else await removeContainers(found);
  return found.length;
}
