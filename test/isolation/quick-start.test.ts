import { expect } from 'vitest';
import { test } from './db.js';

// The README's Vitest quick start, run as written.
test('registers a user', async ({ prisma, redis }) => {
  await prisma.user.create({ data: { email: 'ada@example.com', name: 'Ada' } });
  await redis.set('welcome:ada', '1');
  expect(await prisma.user.count()).toBe(1);
});

test('...and the next test starts from the migrated state', async ({ prisma, redis }) => {
  expect(await prisma.user.count()).toBe(0); // rolled back
  expect(await redis.get('welcome:ada')).toBeNull(); // flushed
  expect(await prisma.category.count()).toBe(3); // the migrations' reference rows stay
});
