// Section 7: what a DatabaseMonitor costs. The same operation (a PostgreSQL query through Prisma,
// a Mongo find, a Redis GET, a Qdrant query) timed one by one without a monitor and with one
// watching its client (default options; and with every caller frame captured), in alternating blocks so drift
// on a shared machine hits both alike; and, in a fresh child process, a monitor's heap after
// 100,000 and 1,000,000 recorded operations (flat when its memory is bounded).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { StackInfo } from '../../src/public/index.js';
import {
  DatabaseMonitor,
  createMongooseConnection,
  createPrismaClient,
  createQdrantClient,
  createRedisClient,
  loadDatabaseConfig,
  type MonitoredClients,
} from 'database-config';
import { PrismaClient } from '../../prisma/generated/client.js';
import { BENCH_DIR, reps, ROOT, RUN_ID } from '../lib/env.js';
import type { Results } from '../lib/results.js';

const run = promisify(execFile);

/** One store's operation, and the monitored client it goes through. */
interface Case {
  store: keyof MonitoredClients;
  clients: MonitoredClients;
  operation: () => Promise<unknown>;
  iterations: number;
}

async function timeBlock(operation: () => Promise<unknown>, n: number, into: number[]): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    const t0 = performance.now();
    await operation();
    into.push(performance.now() - t0);
  }
}

export async function monitorSection(
  results: Results,
  info: StackInfo,
  log: (line: string) => void,
): Promise<void> {
  const config = loadDatabaseConfig({
    DATABASE_URL: info.postgres!.url,
    MONGODB_URI: info.mongodb!.url,
    REDIS_URL: info.redis!.url,
    QDRANT_URL: info.qdrant!.url,
  });
  const prisma = await createPrismaClient(PrismaClient, config.postgres!);
  const mongo = await createMongooseConnection(config.mongodb!);
  const redis = await createRedisClient(config.redis!);
  const qdrant = await createQdrantClient(config.qdrant!);
  const collection = `bench_monitor_${RUN_ID}`;
  try {
    const docs = mongo.db!.collection(collection);
    await docs.insertMany(Array.from({ length: 100 }, (_, i) => ({ i, name: `item ${i}` })));
    await redis.set(`${collection}:key`, 'value');
    await qdrant.createCollection(collection, { vectors: { size: 4, distance: 'Cosine' } });
    await qdrant.upsert(collection, {
      wait: true,
      points: Array.from({ length: 100 }, (_, i) => ({
        id: i + 1,
        vector: [1, i, i % 7, 1],
        payload: { i },
      })),
    });
    const cases: Case[] = [
      {
        store: 'postgres',
        clients: { postgres: prisma },
        operation: () => prisma.$queryRawUnsafe('SELECT 1 AS one'),
        iterations: reps(3000, 100),
      },
      {
        store: 'mongodb',
        clients: { mongodb: mongo },
        operation: () => docs.find({ i: 42 }).toArray(),
        iterations: reps(1000, 100),
      },
      {
        store: 'redis',
        clients: { redis },
        operation: () => redis.get(`${collection}:key`),
        iterations: reps(6000, 300),
      },
      {
        store: 'qdrant',
        clients: { qdrant },
        operation: () => qdrant.query(collection, { query: [1, 2, 3, 1], limit: 5 }),
        iterations: reps(500, 50),
      },
    ];
    const rounds = reps(10, 2);
    // Three kinds of block: no monitor, a monitor with default options (caller frames only for kinds
    // slow lately: none here), one capturing every operation's caller frame (captureCallers: true).
    const kinds = ['unmonitored', 'monitored', 'monitored_all_callers'] as const;
    for (const c of cases) {
      const samples = {
        unmonitored: [] as number[],
        monitored: [] as number[],
        monitored_all_callers: [] as number[],
      };
      await timeBlock(c.operation, Math.ceil(c.iterations / 5), []); // warm-up
      for (let round = 0; round < rounds; round += 1) {
        const n = Math.ceil(c.iterations / rounds);
        // The order rotates, so no kind always runs first.
        for (let k = 0; k < kinds.length; k += 1) {
          const kind = kinds[(round + k) % kinds.length]!;
          if (kind === 'unmonitored') {
            await timeBlock(c.operation, n, samples.unmonitored);
            continue;
          }
          const monitor = new DatabaseMonitor(
            kind === 'monitored' ? {} : { captureCallers: true },
          ).attachClients(c.clients);
          await timeBlock(c.operation, n, samples[kind]);
          if (monitor.snapshot().stores[c.store]!.operations.count < n)
            throw new Error(
              `the monitor saw fewer than ${n} ${c.store} operations: it is not measuring what it should`,
            );
          await monitor.close();
        }
      }
      const [a, b, d] = kinds.map((kind) => results.percentiles(`monitor.${c.store}.${kind}`, samples[kind]));
      const change = (x: number) => `${(((x - a!.p50) / a!.p50) * 100).toFixed(1)} %`;
      log(
        `  ${c.store}: p50 ${a!.p50} -> ${b!.p50} ms (${change(b!.p50)}; every caller frame ${d!.p50} ms, ${change(d!.p50)}), p99 ${a!.p99} -> ${b!.p99} ms`,
      );
    }
    results.note(
      'monitor',
      'Per-operation latency of the same call without a DatabaseMonitor, with one (default options) watching its client, and with one with captureCallers: true (a stack capture per operation), in rotating blocks; ' +
        'postgres: prisma.$queryRawUnsafe("SELECT 1"), mongodb: find by a field of a 100-document collection, redis: GET, qdrant: query of 100 points.',
    );
  } finally {
    await mongo
      .db!.collection(collection)
      .drop()
      .catch(() => undefined);
    await redis.del(`${collection}:key`).catch(() => undefined);
    await qdrant.deleteCollection(collection).catch(() => undefined);
    await prisma.$disconnect();
    await mongo.close();
    redis.disconnect();
  }

  const heap100k: number[] = [];
  const heap1m: number[] = [];
  const recordNs: number[] = [];
  for (let i = 0; i < reps(3, 1); i += 1) {
    const { stdout } = await run(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join(BENCH_DIR, 'monitor-memory-probe.ts')],
      {
        cwd: ROOT,
        timeout: 300_000,
      },
    );
    const m = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      empty: number;
      at100k: number;
      at1m: number;
      recordNs: number;
    };
    heap100k.push((m.at100k - m.empty) / 1024);
    heap1m.push((m.at1m - m.empty) / 1024);
    recordNs.push(m.recordNs);
  }
  results.median('monitor.memory.heap_100k_ops_kb', heap100k);
  results.median('monitor.memory.heap_1m_ops_kb', heap1m);
  results.median('monitor.memory.record_ns', recordNs);
  results.note(
    'monitor.memory',
    'Heap (after gc) a DatabaseMonitor holds after 100,000 and 1,000,000 operations recorded with monitor.record() (4 stores, 200 kinds, slow and failed ones among them), ' +
      'over its heap when new; record_ns: mean time of one record() call.',
  );
  log(
    `  monitor heap +${results.figures['monitor.memory.heap_100k_ops_kb']} KB after 100k operations, +${results.figures['monitor.memory.heap_1m_ops_kb']} KB after 1M (${results.figures['monitor.memory.record_ns']} ns each)`,
  );
}
