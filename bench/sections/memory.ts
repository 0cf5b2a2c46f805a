// Section 6: resident memory a test worker gains from the plugin. Measured in fresh child processes
// (this one is full of earlier sections): RSS at start, after importing the library, Prisma's
// client and the drivers, and after a WorkerDatabases with all four stores, a Prisma client and a
// mongoose connection has run one test.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { StackInfo } from '../../src/public/index.js';
import { BENCH_DIR, reps, ROOT } from '../lib/env.js';
import type { Results } from '../lib/results.js';

const run = promisify(execFile);

export async function memorySection(
  results: Results,
  info: StackInfo,
  log: (line: string) => void,
): Promise<void> {
  const total: number[] = [];
  const imports: number[] = [];
  const clients: number[] = [];
  for (let i = 0; i < reps(3, 1); i += 1) {
    const { stdout } = await run(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join(BENCH_DIR, 'memory-probe.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, BENCH_STACK_INFO: JSON.stringify(info), BENCH_WORKER_ID: String(20 + i) },
        timeout: 120_000,
      },
    );
    const m = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      start: number;
      imported: number;
      withWorker: number;
    };
    total.push(m.withWorker - m.start);
    imports.push(m.imported - m.start);
    clients.push(m.withWorker - m.imported);
  }
  results.median('memory.worker_rss_mb', total);
  results.median('memory.worker_rss_imports_mb', imports);
  results.median('memory.worker_rss_connections_mb', clients);
  results.note(
    'memory.worker_rss_mb',
    'RSS of a fresh Node process after a WorkerDatabases with all four stores, a Prisma client and a mongoose connection ran one test, ' +
      'minus its RSS at start (after gc). Split: _imports_mb (library, Prisma client, drivers loaded) and _connections_mb (worker, clients, pools).',
  );
  log(
    `  worker RSS +${results.figures['memory.worker_rss_mb']?.toFixed(1)} MB (imports ${results.figures['memory.worker_rss_imports_mb']?.toFixed(1)}, connections ${results.figures['memory.worker_rss_connections_mb']?.toFixed(1)})`,
  );
}
