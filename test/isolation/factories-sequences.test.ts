import { Faker, base, en } from '@faker-js/faker';
import { describe, expect } from 'vitest';
import { products, users } from '../../examples/catalog/factories/index.js';
import {
  FAKER_REF_DATE,
  describeFactorySeed,
  factorySeed,
  hashSeed,
  resetFactorySequences,
} from '../../src/public/factories.js';
import { test } from './db.js';

/** The first full name a faker seeded with `seed` draws (what users' define draws first). */
function firstName(seed: number): string {
  const faker = new Faker({ locale: [en, base] });
  faker.setDefaultRefDate(FAKER_REF_DATE);
  faker.seed(seed);
  return faker.person.fullName();
}

describe('sequences restart in every test', () => {
  test('a first test creates user1@example.com and SKU-00001', async ({ prisma }) => {
    expect((await users.create()).email).toBe('user1@example.com');
    expect((await products.create()).sku).toBe('SKU-00001');
    expect(await prisma.user.count()).toBe(1);
  });

  test('...and the next test creates the same, without a collision', async ({ prisma }) => {
    expect((await users.create()).email).toBe('user1@example.com');
    expect((await products.create()).sku).toBe('SKU-00001');
    expect(await prisma.user.count()).toBe(1);
  });

  test('variants made by traits and params share their factory’s sequence', async ({ db: _db }) => {
    expect(users.build().email).toBe('user1@example.com');
    expect(users.params({ name: 'Ada' }).build().email).toBe('user2@example.com');
    expect(users.trait('withAddress').build().email).toBe('user3@example.com');
  });

  test('resetFactorySequences() rewinds every factory at once', async ({ db: _db }) => {
    users.buildList(3);
    products.build();
    resetFactorySequences();
    expect(users.build().email).toBe('user1@example.com');
    expect(products.build().sku).toBe('SKU-00001');
  });
});

describe('faker is seeded per test', () => {
  test('the seed is the hash of the test’s full name, and the data follows from it', async ({
    task,
    db: _db,
  }) => {
    const name = task.fullTestName ?? task.name;
    expect(factorySeed()).toBe(hashSeed(name));
    expect(users.build().name).toBe(firstName(hashSeed(name)));
  });

  test('another test name gives other data, again reproducible', async ({ task, db: _db }) => {
    const name = task.fullTestName ?? task.name;
    expect(users.build().name).toBe(firstName(hashSeed(name)));
    expect(hashSeed(name)).not.toBe(hashSeed(`${name} `));
  });

  test('DBC_FAKER_SEED sets the seed of every test', async ({ db: _db }) => {
    process.env.DBC_FAKER_SEED = '424242';
    try {
      resetFactorySequences();
      expect(factorySeed()).toBe(424242);
      expect(users.build().name).toBe(firstName(424242));
      expect(describeFactorySeed()).toMatch(/faker seed 424242 \(DBC_FAKER_SEED\)/);
    } finally {
      delete process.env.DBC_FAKER_SEED;
      resetFactorySequences();
    }
  });

  test('describeFactorySeed() names the test, its seed and how to replay it', async ({ task, db: _db }) => {
    const name = task.fullTestName ?? task.name;
    expect(describeFactorySeed()).toBe(
      `Factory data of "${name}" came from faker seed ${hashSeed(name)} (the hash of the test name). ` +
        `The same test name gives the same data; to replay it after a rename or in a script, run with DBC_FAKER_SEED=${hashSeed(name)}.`,
    );
    expect(describeFactorySeed('other test')).toContain(`faker seed ${hashSeed('other test')}`);
  });

  test('an invalid DBC_FAKER_SEED is a ConfigValidationError naming the variable', async ({ db: _db }) => {
    process.env.DBC_FAKER_SEED = 'abc';
    try {
      expect(() => factorySeed()).toThrow(
        /DBC_FAKER_SEED: "abc" is not a seed: a seed is a non-negative integer .*\(example: DBC_FAKER_SEED=1234567\)/,
      );
    } finally {
      delete process.env.DBC_FAKER_SEED;
    }
  });
});
