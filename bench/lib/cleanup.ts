// Everything the benchmark creates registers how to remove it here. Actions run newest first: those
// of a section when it ends (scopes), whatever is left at the end of the run, on failure and on
// SIGINT/SIGTERM.

type Action = { name: string; seq: number; fn: () => Promise<unknown> | unknown };

const actions: Action[] = [];
let seq = 0;
let running: Promise<void> | undefined;

/** Registers a cleanup action; returns a function that runs it now (and unregisters it). */
export function onCleanup(name: string, fn: Action['fn']): () => Promise<void> {
  const action: Action = { name, seq: ++seq, fn };
  actions.push(action);
  return async () => {
    const index = actions.indexOf(action);
    if (index < 0) return;
    actions.splice(index, 1);
    await fn();
  };
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function runAction(action: Action) {
  try {
    await Promise.race([
      Promise.resolve(action.fn()),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 30 s')), 30_000).unref()),
    ]);
  } catch (error) {
    log(`cleanup "${action.name}" failed: ${(error as Error).message}`);
  }
}

/** Actions registered from now on can be run together with `close()` (a section's leftovers). */
export function cleanupScope(): { close(): Promise<void> } {
  const mark = seq;
  return {
    async close() {
      for (;;) {
        const index = actions.findLastIndex((a) => a.seq > mark);
        if (index < 0) return;
        await runAction(actions.splice(index, 1)[0]!);
      }
    },
  };
}

/** Runs every registered action once, newest first; failures are reported, never thrown. */
export function runCleanup(): Promise<void> {
  running ??= (async () => {
    while (actions.length > 0) await runAction(actions.pop()!);
  })();
  return running;
}

/** Cleans up before the process exits on SIGINT/SIGTERM. */
export function cleanupOnSignals(): void {
  let signalled = false;
  const handler = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    log(`\nbench: ${signal}, cleaning up...`);
    void runCleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
