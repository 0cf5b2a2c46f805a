import { Redis } from 'ioredis';
import { describe, expect, inject } from 'vitest';
import { loadDatabaseConfig } from 'database-config/internal';
import { setTestOverrides, currentTestOverrides } from 'database-config/internal';
import { cleanupRun } from '../../src/fixtures/cleanup-run.js';
import { WorkerDatabases } from '../../src/fixtures/worker-databases.js';
import { databaseUrl } from '../../src/migrations/postgres-migrations.js';
import { test } from './db.js';

// Workers that share one Redis database (an external server, Redis Cluster) get a key prefix each.
// Driven on the core directly, in db 0, which the suite's own workers leave alone.
describe('Redis namespaced by key prefix', () => {
  test('keys get the worker’s prefix, resets remove only those, and keys of others survive', async () => {
    const stack = inject('databaseStack');
    const shared = {
      ...stack.redis!,
      url: databaseUrl(stack.redis!.url, '0'),
      namespace: 'prefix' as const,
      databases: 2,
    };
    // Worker 44 is beyond `databases`: no limit applies when workers share a database.
    const worker = new WorkerDatabases({ ...stack, redis: shared }, 44, { leakCheck: true });
    const prefix = worker.names.redisKeyPrefix;
    expect(prefix).toBe(`dbc_w44_${stack.runId}:`);
    expect(worker.names.redis).toBe(0);
    const raw = new Redis(shared.url);
    try {
      await raw.set('someone:else', 'not ours');
      worker.beginFile();
      const { client } = await worker.redis();
      await client.set('file:key', 'from beforeAll');
      await worker.beginTest();
      await client.set('test:key', 'v', 'EX', 60);
      await client.hset('cart:1', { sku: '2' });
      expect((await raw.keys(`${prefix}*`)).sort()).toEqual(
        [`${prefix}cart:1`, `${prefix}file:key`, `${prefix}test:key`].sort(),
      );
      await worker.endTest('writes under the prefix'); // the leak check passes
      expect(await raw.keys(`${prefix}*`)).toEqual([`${prefix}file:key`]);
      expect(await raw.get('someone:else')).toBe('not ours');

      // Production code under these overrides writes under the prefix too.
      const before = currentTestOverrides();
      setTestOverrides(worker.testOverrides());
      try {
        const config = loadDatabaseConfig({ REDIS_KEY_PREFIX: 'app:' }, { stores: ['redis'] });
        expect(config.redis!.keyPrefix).toBe(`${prefix}app:`);
        expect(new URL(config.redis!.url).pathname).toBe('/0');
      } finally {
        setTestOverrides(before);
      }

      await worker.endFile();
      expect(await raw.keys(`${prefix}*`)).toEqual([]);
      expect(await raw.get('someone:else')).toBe('not ours');
    } finally {
      await worker.close();
      await raw.del('someone:else');
      raw.disconnect();
    }
  });
});

describe('the run’s teardown in a shared Redis database', () => {
  test('removes the keys under the run’s worker prefixes (workers that died included), and nothing else', async () => {
    const stack = inject('databaseStack');
    const url = databaseUrl(stack.redis!.url, '0');
    // Another run id: this run's own workers are still using their namespaces.
    const run = {
      runId: 'teardown1',
      timings: {},
      redis: { ...stack.redis!, url, namespace: 'prefix' as const },
    };
    const raw = new Redis(url);
    try {
      await raw.mset(
        'dbc_w3_teardown1:a',
        '1',
        'dbc_w9_teardown1:b',
        '2',
        'dbc_w3_otherrun:c',
        '3',
        'app:d',
        '4',
      );
      await cleanupRun(run);
      expect((await raw.keys('*')).filter((k) => k.includes('teardown1'))).toEqual([]);
      expect(await raw.mget('dbc_w3_otherrun:c', 'app:d')).toEqual(['3', '4']);
    } finally {
      await raw.del('dbc_w3_otherrun:c', 'app:d');
      raw.disconnect();
    }
  });
});
