import { expect, test } from '@jest/globals';
import { useDatabases } from 'database-config-testing/jest';
import { PrismaClient } from '../../prisma/generated/client.js';

// The README's Jest quick start, run as written.
const db = useDatabases({ prismaClient: PrismaClient });

test('registers a user', async () => {
  const prisma = await db.prisma();
  await prisma.user.create({ data: { email: 'ada@example.com', name: 'Ada' } });
  await (await db.redis()).set('welcome:ada', '1');
  expect(await prisma.user.count()).toBe(1);
});

test('...and the next test starts from the migrated state', async () => {
  expect(await (await db.prisma()).user.count()).toBe(0); // rolled back
  expect(await (await db.redis()).get('welcome:ada')).toBeNull(); // flushed
});
