// The labels on every container this library starts, and whether their owner lives: pure, so the
// stack, the run watcher and the CLI read them without loading testcontainers (an external-server
// run never does).
import { hostname } from 'node:os';

/** Labels on every container this library starts; crash cleanup finds its orphans by them. */
export const LABELS = {
  managed: 'database-config.managed',
  store: 'database-config.store',
  run: 'database-config.run',
  ownerPid: 'database-config.owner-pid',
  ownerHost: 'database-config.owner-host',
} as const;

/** Labels that tie a container to this run and its process (this one, or the run's main process for a worker's). */
export function ownerLabels(runId: string, store: string, ownerPid = process.pid): Record<string, string> {
  return {
    [LABELS.managed]: 'true',
    [LABELS.store]: store,
    [LABELS.run]: runId,
    [LABELS.ownerPid]: String(ownerPid),
    [LABELS.ownerHost]: hostname(),
  };
}

/** Whether the process `pid` of this host exists (EPERM: it does, owned by another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
