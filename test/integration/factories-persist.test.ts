// Factories persisting through explicit clients (persistWith, TestDataManager.seed), as a seed
// script outside tests does, against the integration stack's real servers: Prisma rows and their
// unique-constraint collisions, a model the client does not have, Redis records of every form, and
// scenarios.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PrismaClient } from '../../prisma/generated/client.js';
import { createPrismaClient } from 'database-config/internal';
import { FactoryDefinitionError, FactoryUniqueCollisionError } from 'database-config/internal';
import { readMigrations } from '../../src/migrations/migration-files.js';
import {
  databaseUrl,
  dropDatabase,
  ensurePostgresTemplate,
  quoteIdent,
  withAdminClient,
} from '../../src/migrations/postgres-migrations.js';
import {
  definePrismaFactories,
  persistWith,
  redisFactory,
  TestDataManager,
} from '../../src/public/factories.js';
import { stackConfig } from './helpers.js';

const { postgresUrl, redisUrl } = inject('stack');
const database = `dbc_factories_${randomUUID().slice(0, 8)}`;
const prefix = `fp${randomUUID().slice(0, 8)}:`;
let prisma: PrismaClient;
let redis: Redis;

const { prismaFactory } = definePrismaFactories<PrismaClient>();
const users = prismaFactory('user', ({ sequence }) => ({
  email: `seed${sequence}@example.com`,
  name: `Seed ${sequence}`,
}));

beforeAll(async () => {
  const files = await readMigrations('postgres', 'prisma/migrations', 'fixtures.postgres.migrations');
  const { template } = await ensurePostgresTemplate(postgresUrl, files, {
    setKey: 'factories',
    migrate: 'sql',
  });
  await withAdminClient(postgresUrl, (admin) =>
    admin.query(`CREATE DATABASE ${quoteIdent(database)} TEMPLATE ${quoteIdent(template)}`),
  );
  const config = stackConfig({ stores: ['postgres'], postgres: { url: databaseUrl(postgresUrl, database) } });
  prisma = await createPrismaClient(PrismaClient, config.postgres!);
  redis = new Redis(redisUrl, { keyPrefix: prefix, lazyConnect: true, connectTimeout: 5000 });
  await redis.connect();
});

afterAll(async () => {
  await prisma?.$disconnect();
  if (redis) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys.map((k) => k.slice(prefix.length)));
    redis.disconnect();
  }
  await withAdminClient(postgresUrl, (admin) => dropDatabase(admin, database));
});

describe('Prisma factories through explicit clients', () => {
  it('creates rows, and a unique collision names the factory and the field', async () => {
    const first = await persistWith({ prisma }, () => users.create());
    expect(first).toMatchObject({ email: 'seed1@example.com', name: 'Seed 1' });
    expect(await prisma.user.count({ where: { email: 'seed1@example.com' } })).toBe(1);

    const error = await persistWith({ prisma }, () => users.create({ email: 'seed1@example.com' })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FactoryUniqueCollisionError);
    expect((error as FactoryUniqueCollisionError).factory).toBe('user');
    // Prisma 7's pg adapter names the violated index.
    expect((error as FactoryUniqueCollisionError).fields).toEqual(['User_email_key']);
    expect((error as FactoryUniqueCollisionError).message).toMatch(
      /^create\(\) of the "user" factory hit a unique constraint on \(User_email_key\): Unique constraint failed on the constraint: `User_email_key`\. /,
    );
  });

  it('a model the client does not have is named, with how to spell it', async () => {
    const ghosts = prismaFactory('ghost' as 'user', () => ({ email: 'g@example.com', name: 'G' }));
    const error = await persistWith({ prisma }, () => ghosts.create()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FactoryDefinitionError);
    expect((error as FactoryDefinitionError).message).toBe(
      'Factory "ghost": the Prisma client has no model delegate "ghost": use the name of a model as your generated ' +
        'client spells it (e.g. prisma.ghost).',
    );
  });

  it('errors that are not unique violations pass through unchanged', async () => {
    const orphans = prismaFactory('address', () => ({
      userId: 999_999,
      line1: 'x',
      city: 'y',
      postalCode: 'z',
      country: 'US',
    }));
    const error = await persistWith({ prisma }, () => orphans.create()).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(FactoryUniqueCollisionError);
    expect((error as { code?: string }).code).toBe('P2003');
  });
});

describe('Redis factories through explicit clients', () => {
  it('writes string, JSON and hash records, with and without a TTL', async () => {
    const strings = redisFactory(({ sequence }) => ({ key: `s:${sequence}`, value: `v${sequence}` }));
    const documents = redisFactory(({ sequence }) => ({
      key: `j:${sequence}`,
      json: { n: sequence },
      ttlSeconds: 60,
    }));
    const hashes = redisFactory(() => ({ key: 'h:1', hash: { a: '1', b: '2' } }));
    await persistWith({ redis }, async () => {
      await strings.create();
      await documents.create();
      await hashes.create();
    });
    expect(await redis.get('s:1')).toBe('v1');
    expect(await redis.ttl('s:1')).toBe(-1);
    expect(JSON.parse((await redis.get('j:1'))!)).toEqual({ n: 1 });
    expect(await redis.ttl('j:1')).toBeGreaterThan(50);
    expect(await redis.hgetall('h:1')).toEqual({ a: '1', b: '2' });
  });

  it('a command the server refuses fails the create', async () => {
    const bad = redisFactory(() => ({ key: 'bad:1', value: 'x', ttlSeconds: 1.5 }));
    await expect(persistWith({ redis }, () => bad.create())).rejects.toThrow(/not an integer|out of range/);
  });
});

describe('TestDataManager', () => {
  it('seeds a scenario through explicit clients, names unknown scenarios, and rewinds sequences', async () => {
    const empty = new TestDataManager({ users });
    await expect(
      persistWith({ prisma }, () =>
        (empty as unknown as { run(name: string): Promise<unknown> }).run('shop'),
      ),
    ).rejects.toThrow(
      'Factory "scenario shop": no scenario "shop" is registered; scenarios: none. Register it with .scenario(name, builder).',
    );

    const crew = prismaFactory('user', ({ sequence }) => ({
      email: `crew${sequence}@team.example`,
      name: `Crew ${sequence}`,
    }));
    const data = new TestDataManager({ crew }).scenario(
      'team',
      async ({ factories, clients }, size: number = 2) => {
        const resolved = await clients();
        return { members: await factories.crew.createList(size), prisma: await resolved.prisma() };
      },
    );
    await expect(data.run('crew' as 'team')).rejects.toThrow(
      'no scenario "crew" is registered; scenarios: team.',
    );

    const first = await data.seed({ prisma }, 'team', 2);
    expect(first.prisma).toBe(prisma);
    expect(first.members.map((m) => m.email)).toEqual(['crew1@team.example', 'crew2@team.example']);
    expect((await data.seed({ prisma }, 'team', 1)).members.map((m) => m.email)).toEqual([
      'crew3@team.example',
    ]);
    // Back at 1, the next seed collides with the first one's rows.
    data.rewindSequences();
    await expect(data.seed({ prisma }, 'team', 1)).rejects.toBeInstanceOf(FactoryUniqueCollisionError);
  });
});
