// Child process of the memory section: RSS before and after a test worker's databases exist
// (WorkerDatabases with all four stores, a Prisma client, a mongoose connection, one query each).
// Prints one JSON line. Run with --expose-gc; the stack's info comes in BENCH_STACK_INFO.
import type { StackInfo } from '../src/public/index.js';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const rssMb = async () => {
  for (let i = 0; i < 3; i += 1) {
    gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  return process.memoryUsage().rss / 2 ** 20;
};

const info = JSON.parse(process.env.BENCH_STACK_INFO ?? '{}') as StackInfo;
const workerId = Number(process.env.BENCH_WORKER_ID ?? '9');
const start = await rssMb();
const { WorkerDatabases } = await import('../src/internal/bench.js');
const { PrismaClient } = await import('../prisma/generated/client.js');
await import('@prisma/adapter-pg');
await import('mongoose');
await import('mongodb');
await import('ioredis');
await import('@qdrant/js-client-rest');
const imported = await rssMb();

const worker = new WorkerDatabases(info, workerId, { leakCheck: false });
const prisma = await worker.prismaClient(PrismaClient);
const mongo = await worker.mongooseConnection();
worker.beginFile();
await worker.beginTest();
await (prisma as unknown as { user: { count(): Promise<number> } }).user.count();
await mongo.collection('events').countDocuments();
await (await worker.redis()).client.ping();
await (await worker.qdrant()).client.getCollections();
await worker.endTest('memory probe');
const withWorker = await rssMb();

await worker.endFile();
await (prisma as unknown as { $disconnect(): Promise<void> }).$disconnect();
await mongo.close();
await worker.close();
process.stdout.write(`${JSON.stringify({ start, imported, withWorker })}\n`);
process.exit(0);
