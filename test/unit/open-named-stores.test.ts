// Which stores a Jest file opens before its first test: those its source names, through the
// getters it declared; a failure waits for the store's first use. The getters are stand-ins (pure
// logic: which ones are called); the real stores are opened by the Jest suites (npm run test:jest).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StackInfo } from '../../src/containers/stack-info.js';
import { openNamedStores } from '../../src/fixtures/open-named-stores.js';
import type { Databases } from '../../src/fixtures/scope-databases.js';

const INFO = {
  runId: 'r1',
  timings: {},
  postgres: { url: 'postgres://localhost/test', external: false },
  redis: { url: 'redis://localhost', databases: 16, external: false, namespace: 'database' },
  mongodb: { url: 'mongodb://localhost', external: false },
} as unknown as StackInfo;

function testFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dbc-open-named-'));
  writeFileSync(join(dir, 'a.test.ts'), text);
  return join(dir, 'a.test.ts');
}

/** Getters that record their calls; `fail` lists the ones that reject. */
function recording(fail: string[] = []) {
  const calls: string[] = [];
  const getter = (name: string, value: unknown) => () => {
    calls.push(name);
    return fail.includes(name) ? Promise.reject(new Error(`${name} refused`)) : Promise.resolve(value);
  };
  const connects: string[] = [];
  const clients = {
    prisma: getter('prisma', { $connect: () => Promise.resolve(connects.push('prisma')) }),
    mongo: getter('mongo', {}),
    redis: getter('redis', {}),
    qdrant: getter('qdrant', {}),
    postgresUrl: getter('postgresUrl', 'postgres://localhost/dbc_w1'),
  } as unknown as Databases<unknown>;
  return { calls, connects, clients };
}

describe('openNamedStores', () => {
  it('opens the configured stores the file names, the Prisma client started, and no other', async () => {
    const { calls, connects, clients } = recording();
    const path = testFile(
      'const db = useDatabases({ prismaClient: PrismaClient });\nawait db.redis();\n// qdrant is not configured',
    );
    await openNamedStores(path, INFO, clients);
    expect(calls.sort()).toEqual(['postgresUrl', 'prisma', 'redis']);
    expect(connects).toEqual(['prisma']);
  });

  it("leaves a failure to the store's first use, and opens PostgreSQL without a Prisma class", async () => {
    const { calls, clients } = recording(['redis']);
    (clients as { prisma: () => unknown }).prisma = () => {
      calls.push('prisma');
      throw new Error('no prismaClient class');
    };
    const path = testFile("import pg from 'pg';\nconst r = await db.redis();");
    await expect(openNamedStores(path, INFO, clients)).resolves.toBeUndefined();
    expect(calls.sort()).toEqual(['postgresUrl', 'prisma', 'redis']);
  });

  it('opens nothing for a file that names no store', async () => {
    const { calls, clients } = recording();
    await openNamedStores(testFile("test('adds', () => expect(1 + 1).toBe(2));"), INFO, clients);
    expect(calls).toEqual([]);
  });
});
