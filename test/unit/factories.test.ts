import { afterEach, describe, expect, test } from 'vitest';
import type { PrismaClient } from '../../prisma/generated/client.js';
import { setCurrentScope, type CurrentScope } from '../../src/fixtures/current-scope.js';
import {
  QdrantVectorSizeError,
  definePrismaFactories,
  describeFactorySeed,
  factorySeed,
  fakerSeedFor,
  hashSeed,
  persistWith,
  qdrantFactory,
  redisFactory,
  resetFactorySequences,
} from '../../src/public/factories.js';

// The factories without containers: fake scopes for the tests, fake clients through persistWith.
const { prismaFactory } = definePrismaFactories<PrismaClient>();
const users = prismaFactory('user', ({ sequence, faker }) => ({
  email: `u${sequence}@example.com`,
  name: faker.person.fullName(),
}));
const scope = (name: string) => ({ kind: 'test', name }) as CurrentScope;

afterEach(() => setCurrentScope(undefined));

describe('sequences and faker follow the current scope', () => {
  test('outside tests sequences count on until resetFactorySequences()', () => {
    resetFactorySequences();
    expect(users.buildList(2).map((u) => u.email)).toEqual(['u1@example.com', 'u2@example.com']);
    expect(users.build().email).toBe('u3@example.com');
    resetFactorySequences();
    expect(users.build().email).toBe('u1@example.com');
  });

  test('each new scope restarts the sequence and reseeds faker from its name', () => {
    setCurrentScope(scope('a test'));
    const first = users.buildList(2);
    setCurrentScope(scope('another test'));
    expect(users.build().email).toBe('u1@example.com');
    setCurrentScope(scope('a test'));
    expect(users.buildList(2)).toEqual(first);
    expect(factorySeed()).toBe(hashSeed('a test'));
  });

  test('DBC_FAKER_SEED wins over the test name; outside tests a default seed', () => {
    expect(fakerSeedFor('x', { DBC_FAKER_SEED: '7' })).toEqual({ seed: 7, source: 'env', name: 'x' });
    expect(fakerSeedFor(undefined, {})).toMatchObject({ source: 'default' });
    expect(describeFactorySeed()).toMatch(
      /^Factory data outside tests came from faker seed \d+ \(the default seed\)/,
    );
  });
});

describe('persistence through explicit clients', () => {
  test('Redis: SET or DEL+HSET, then EXPIRE, in one MULTI', async () => {
    const calls: unknown[][] = [];
    const multi = new Proxy({} as Record<string, unknown>, {
      get: (target, command) =>
        command === 'exec'
          ? async () => calls.map(() => [null, 'OK'])
          : (...args: unknown[]) => (calls.push([command, ...args]), multi),
    });
    const redis = { multi: () => multi } as never;
    const carts = redisFactory(({ sequence }) => ({
      key: `cart:${sequence}`,
      hash: { '7': 2 },
      ttlSeconds: 60,
    }));
    await persistWith({ redis }, () => carts.create());
    expect(calls).toEqual([
      ['del', 'cart:1'],
      ['hset', 'cart:1', { '7': 2 }],
      ['expire', 'cart:1', 60],
    ]);
  });

  test('Qdrant: upsert with wait into the prefixed collection; a wrong size never reaches it', async () => {
    const upserts: unknown[] = [];
    const qdrant = { upsert: async (...args: unknown[]) => upserts.push(args) } as never;
    const points = qdrantFactory('products', ({ sequence }) => ({ id: sequence, vector: { text: [1, 2] } }), {
      size: { text: 2 },
    });
    await persistWith({ qdrant, qdrantCollectionPrefix: 'dev_' }, () => points.create());
    expect(upserts).toEqual([
      ['dev_products', { wait: true, points: [{ id: 1, vector: { text: [1, 2] }, payload: {} }] }],
    ]);
    const wrong = persistWith({ qdrant }, () => points.create({ vector: { text: [1] } }));
    await expect(wrong).rejects.toThrow(QdrantVectorSizeError);
    await expect(wrong).rejects.toThrow(
      /vector "text" of a point for the Qdrant collection "products" has 1/,
    );
    expect(upserts).toHaveLength(1);
  });
});
