// Runs in a child process: starts a stack from the JSON config in argv[2] and prints one JSON line,
// then waits (when asked) so the parent can kill it, or stops the stack and exits.
import { startDatabaseStack } from '../../../src/containers/stack.js';
import { defineDatabaseFixtures } from '../../../src/setup/fixture-config.js';

const config = defineDatabaseFixtures(JSON.parse(process.argv[2] ?? '{}'));
try {
  const stack = await startDatabaseStack(config, { progress: () => undefined });
  process.stdout.write(`${JSON.stringify({ ok: true, info: stack.info })}\n`);
  // A timer keeps the process alive while it hangs (a bare pending promise would let it exit).
  if (process.argv[3] === 'hang') await new Promise(() => setInterval(() => undefined, 60_000));
  await stack.stop();
} catch (error) {
  const { name, message } = error as Error;
  process.stdout.write(`${JSON.stringify({ ok: false, name, message })}\n`);
  process.exitCode = 1;
}
