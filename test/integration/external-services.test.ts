import { getContainerRuntimeClient } from 'testcontainers';
import { describe, expect, inject, it } from 'vitest';
import { useAuthServers } from './auth-servers.js';
import { LABELS } from '../../src/containers/container-labels.js';
import { startDatabaseStack } from '../../src/containers/stack.js';
import { ConfigValidationError, ExternalServiceError } from 'database-config/internal';
import { ensurePostgresTemplate } from '../../src/migrations/postgres-migrations.js';
import { defineDatabaseFixtures, type DatabaseFixturesConfig } from '../../src/setup/fixture-config.js';
import { unreachable } from './helpers.js';

// External-services mode against real servers: the integration stack's four stores, and a Redis
// and a Qdrant with credentials started for this file.
const { redisUrl: authRedis, qdrantUrl: authQdrant } = useAuthServers();
const port = (url: string) => new URL(url).port;
const quiet = { progress: () => undefined };

/** Runs startDatabaseStack with `env` set in process.env meanwhile; returns what it threw. */
async function startFails(config: DatabaseFixturesConfig, env: Record<string, string> = {}) {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    const stack = await startDatabaseStack(defineDatabaseFixtures(config), quiet).catch((e: unknown) => e);
    if (!(stack instanceof Error)) {
      await (stack as { stop(): Promise<void> }).stop();
      throw new Error('startDatabaseStack succeeded where it should have failed');
    }
    return stack;
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

async function external(config: DatabaseFixturesConfig, env: Record<string, string> = {}) {
  const error = await startFails(config, env);
  expect(error).toBeInstanceOf(ExternalServiceError);
  return error as ExternalServiceError;
}

async function ownContainers() {
  const client = await getContainerRuntimeClient();
  const list = await client.container.dockerode.listContainers({
    all: true,
    filters: { label: [`${LABELS.ownerPid}=${process.pid}`] },
  });
  return list.map((c) => c.Id).sort();
}

describe('external services: each server is checked before any test', () => {
  it('a wrong PostgreSQL password names the store, the key, the masked URL, the server’s answer and what to do', async () => {
    const url = inject('stack').postgresUrl.replace(/:\/\/([^:]+):[^@]+@/, '://$1:wrong-pass@');
    const error = await external({ postgres: { url } });
    expect(error).toMatchObject({ store: 'postgres', source: 'fixtures.postgres.url' });
    expect(error.target).toContain(':****@');
    expect(error.answer).toMatch(/password authentication failed for user/);
    expect(error.message).toMatch(
      /postgres at postgres(ql)?:\/\/\w+:\*\*\*\*@.* \(from fixtures\.postgres\.url\): authentication failed; the server answered: password authentication failed for user "\w+"\. Check the user and password in the URL\./,
    );
    expect(error.message).not.toContain('wrong-pass');
  });

  it('Redis WRONGPASS and NOAUTH fail at setup, naming DBC_REDIS_URL', async () => {
    const wrong = await external({ redis: {} }, { DBC_REDIS_URL: authRedis(':wrong-pass@') });
    expect(wrong).toMatchObject({ store: 'redis', source: 'DBC_REDIS_URL' });
    expect(wrong.message).toContain('authentication failed; the server answered: WRONGPASS');
    expect(wrong.message).toContain('Check the password in the URL');
    expect(wrong.message).not.toContain('wrong-pass');

    const missing = await external({ redis: {} }, { DBC_REDIS_URL: authRedis('') });
    expect(missing.message).toContain('the server requires a password; the server answered: NOAUTH');
    expect(missing.message).toContain('Put it in the URL');

    const right = await startDatabaseStack(
      defineDatabaseFixtures({ redis: { url: authRedis(':redis-s3cret@') } }),
      quiet,
    );
    expect(right.info.redis).toMatchObject({ external: true });
    await right.stop();
  });

  it('a wrong or missing Qdrant API key fails at setup with the HTTP answer, naming fixtures.qdrant.apiKey', async () => {
    const wrong = await external({ qdrant: { url: authQdrant(), apiKey: 'wrong-key' } });
    expect(wrong).toMatchObject({ store: 'qdrant', source: 'fixtures.qdrant.url' });
    expect(wrong.answer).toMatch(/^HTTP 40[13]/);
    expect(wrong.message).toContain('the API key (fixtures.qdrant.apiKey) was refused');
    expect(wrong.message).toContain('QDRANT__SERVICE__API_KEY');
    expect(wrong.message).not.toContain('wrong-key');

    const missing = await external({ qdrant: { url: authQdrant() } });
    expect(missing.message).toContain('the server requires an API key');

    const right = await startDatabaseStack(
      defineDatabaseFixtures({ qdrant: { url: authQdrant(), apiKey: 'qdrant-s3cret' } }),
      quiet,
    );
    expect(right.info.qdrant).toMatchObject({ external: true });
    await right.stop();
  });

  it('a closed port says nothing listens there', async () => {
    const error = await external({ postgres: { url: unreachable(inject('stack').postgresUrl) } });
    expect(error.message).toContain(
      'nothing listens at 127.0.0.1:1; the connection reported: connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(error.message).toContain('Start the PostgreSQL server, or fix the port in the URL.');
  });

  it('another store’s port does not hang: every bad store is reported together within seconds', async () => {
    const { postgresUrl, mongodbUri, redisUrl, qdrantUrl } = inject('stack');
    const since = performance.now();
    const error = await external({
      // PostgreSQL at Redis's port: Redis never answers PostgreSQL's startup message.
      postgres: { url: postgresUrl.replace(`:${port(postgresUrl)}/`, `:${port(redisUrl)}/`) },
      // MongoDB at Qdrant's HTTP port.
      mongodb: { url: `mongodb://localhost:${port(qdrantUrl)}/?directConnection=true` },
      redis: { url: `redis://localhost:${port(mongodbUri.replace('mongodb:', 'http:'))}/0` },
      qdrant: { url: `http://localhost:${port(postgresUrl)}` },
    });
    expect(performance.now() - since).toBeLessThan(15_000);
    expect(error.failures.map((f) => f.store)).toEqual(['postgres', 'mongodb', 'redis', 'qdrant']);
    expect(error.message).toMatch(/^The 4 external servers failed the check before any test ran:/);
    const byStore = Object.fromEntries(error.failures.map((f) => [f.store, f]));
    expect(byStore.postgres!.problem).toBe('no PostgreSQL answer within 5 s');
    expect(byStore.mongodb!.problem).toBe('no MongoDB answer within 5 s');
    expect(byStore.postgres!.answeredBy).toBe('connection');
    expect(error.message).toContain(
      'no PostgreSQL answer within 5 s; the connection reported: timeout expired.',
    );
    for (const failure of error.failures) {
      expect(failure.hint).toMatch(/is not a \w+ server.*is it another store's port\?/);
    }
  });

  it('the template connection itself is bounded: PostgreSQL at Redis’s port fails within its connect timeout', async () => {
    const { postgresUrl, redisUrl } = inject('stack');
    const url = postgresUrl.replace(`:${port(postgresUrl)}/`, `:${port(redisUrl)}/`);
    const since = performance.now();
    const error = await ensurePostgresTemplate(url, [], { setKey: 'x', migrate: 'sql' }).catch(
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/timeout/i);
    expect(performance.now() - since).toBeLessThan(15_000);
  });

  it('a URL of the wrong scheme or no URL is a ConfigValidationError naming the variable, the value masked', async () => {
    const before = await ownContainers();
    const error = await startFails(
      { postgres: {}, redis: {} },
      { DBC_POSTGRES_URL: 'mysql://app:s3cret@localhost:3306/app', DBC_REDIS_URL: 'not a url' },
    );
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error.message).toContain(
      'postgres DBC_POSTGRES_URL: "mysql://app:****@localhost:3306/app" has the scheme mysql://, not a PostgreSQL one (postgres:// or postgresql://)',
    );
    expect(error.message).toContain('redis DBC_REDIS_URL: "not a url" is not a URL');
    expect(error.message).not.toContain('s3cret');
    expect(await ownContainers()).toEqual(before);
  });

  it('bad DBC_* switches and seed fail before any container starts, all named together', async () => {
    const before = await ownContainers();
    const error = await startFails(
      { postgres: {}, redis: {} },
      { DBC_LEAK_CHECK: 'yes', DBC_KEEP_ON_FAILURE: 'on', DBC_FAKER_SEED: 'abc' },
    );
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).issues.map((i) => i.source)).toEqual([
      'DBC_LEAK_CHECK',
      'DBC_KEEP_ON_FAILURE',
      'DBC_FAKER_SEED',
    ]);
    expect(error.message).toContain(
      'DBC_LEAK_CHECK: "yes" is not a boolean; use true or false (1 and 0 work too)',
    );
    expect(error.message).toContain('DBC_FAKER_SEED: "abc" is not a seed: a seed is a non-negative integer');
    expect(await ownContainers()).toEqual(before);
  });
});
