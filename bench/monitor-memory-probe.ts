// Child process of the monitor section: a DatabaseMonitor's heap when new, after 100,000 and after
// 1,000,000 recorded operations. Prints one JSON line (bytes, and ns per record). Run with --expose-gc.
import { DatabaseMonitor, type OperationRecord } from 'database-config';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heap = async () => {
  for (let i = 0; i < 3; i += 1) {
    gc();
    await new Promise((r) => setTimeout(r, 20));
  }
  return process.memoryUsage().heapUsed;
};

const stores = ['postgres', 'mongodb', 'redis', 'qdrant'] as const;
const operation = (i: number): OperationRecord => ({
  store: stores[i % 4]!,
  kind: `kind-${i % 200}`,
  statement: 'SELECT ? FROM t',
  durationMs: i % 1000 === 0 ? 500 : (i % 97) / 10,
  ok: i % 50 !== 0,
  ...(i % 50 === 0 ? { error: 'Error: failed', errorType: `E${i % 40}` } : {}),
  startedAt: Date.now(),
});

const monitor = new DatabaseMonitor();
const empty = await heap();
let i = 0;
for (; i < 100_000; i += 1) monitor.record(operation(i));
const at100k = await heap();
const t0 = process.hrtime.bigint();
for (; i < 1_000_000; i += 1) monitor.record(operation(i));
const recordNs = Number(process.hrtime.bigint() - t0) / 900_000;
const at1m = await heap();
if (monitor.snapshot().stores.redis!.operations.count !== 250_000)
  throw new Error('operations were not all recorded');
await monitor.close();
process.stdout.write(`${JSON.stringify({ empty, at100k, at1m, recordNs: Math.round(recordNs) })}\n`);
