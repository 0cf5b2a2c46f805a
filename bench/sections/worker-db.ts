// Section 2: a fresh worker database from the migrated template (the plugin's way) against running
// the migrations from scratch into an empty database (applyMigrations).
import type { StackInfo } from '../../src/public/index.js';
import {
  PostgresWorker,
  readMigrations,
  applyMigrations,
  databaseUrl,
  dropDatabase,
  quoteIdent,
  withAdminClient,
} from '../../src/internal/bench.js';
import { onCleanup } from '../lib/cleanup.js';
import { reps, RUN_ID } from '../lib/env.js';
import { PG_MIGRATIONS } from '../lib/example.js';
import type { Results } from '../lib/results.js';
import { time } from '../lib/stats.js';

export async function workerDbSection(
  results: Results,
  info: StackInfo,
  log: (line: string) => void,
): Promise<void> {
  const pgInfo = info.postgres!;
  const files = await readMigrations('postgres', PG_MIGRATIONS, 'bench');
  const name = `dbc_bench_wdb_${RUN_ID}`;
  const n = reps(20, 3);
  const template: number[] = [];
  const migrate: number[] = [];
  const applyOnly: number[] = [];
  const workerCreate: number[] = [];
  await withAdminClient(pgInfo.url, async (admin) => {
    const drop = onCleanup(`drop database ${name}`, () =>
      withAdminClient(pgInfo.url, (a) => dropDatabase(a, name)).catch(() => undefined),
    );
    for (let i = -2; i < n; i += 1) {
      // Interleaved; the first two rounds warm up and are not kept.
      const t = await time(() =>
        admin.query(
          `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(pgInfo.template!)} STRATEGY ${pgInfo.cloneStrategy}`,
        ),
      );
      await dropDatabase(admin, name);
      let apply = 0;
      const m = await time(async () => {
        await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
        apply = await time(() => applyMigrations(databaseUrl(pgInfo.url, name), files));
      });
      await dropDatabase(admin, name);
      if (i >= 0) {
        template.push(t);
        migrate.push(m);
        applyOnly.push(apply);
      }
    }
    await drop();
  });
  // The whole worker database of the plugin: clone plus change tracking (triggers, seed copies);
  // then what the next process of the same worker id pays to take it over when left clean.
  const takeOver: number[] = [];
  for (let i = 0; i < reps(10, 2); i += 1) {
    let worker: PostgresWorker | undefined;
    workerCreate.push(
      await time(async () => {
        worker = await PostgresWorker.create(pgInfo, `${name}_pw`);
      }),
    );
    await worker!.endFile();
    await worker!.disconnect();
    takeOver.push(
      await time(async () => {
        worker = await PostgresWorker.create(pgInfo, `${name}_pw`, { takeOver: true });
      }),
    );
    await worker!.close();
  }
  results.median('worker_db.template_ms', template);
  results.median('worker_db.migrate_ms', migrate);
  results.median('worker_db.migrate_apply_only_ms', applyOnly);
  results.median('worker_db.postgres_worker_create_ms', workerCreate);
  results.median('worker_db.postgres_worker_takeover_ms', takeOver);
  results.note(
    'worker_db',
    `template_ms: CREATE DATABASE ... TEMPLATE ... STRATEGY ${pgInfo.cloneStrategy} (the stack's clone strategy). ` +
      'migrate_ms: CREATE DATABASE (empty) + applyMigrations of prisma/migrations. ' +
      'postgres_worker_create_ms: PostgresWorker.create (clone + change-tracking install), what a worker pays; ' +
      'postgres_worker_takeover_ms: the same database taken over by the next process of the worker id (Jest, Vitest isolate: true).',
  );
  log(
    `  template ${results.figures['worker_db.template_ms']} ms, migrate ${results.figures['worker_db.migrate_ms']} ms, worker create ${results.figures['worker_db.postgres_worker_create_ms']} ms, take-over ${results.figures['worker_db.postgres_worker_takeover_ms']} ms`,
  );
}
