// The check of external servers (checkExternalServers) on its own, against the integration stack's
// real servers: all four pass; a PostgreSQL user that may not create databases, a host that does
// not resolve and a MongoDB URL the driver refuses are each named with what to do.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkExternalServers } from '../../src/containers/external-services.js';
import { ExternalServiceError } from 'database-config/internal';
import { withAdminClient } from '../../src/migrations/postgres-migrations.js';

const stack = inject('stack');
const role = `dbc_nocreate_${randomUUID().slice(0, 8)}`;
const options = { timeoutMs: 5000 };

async function failure(targets: Parameters<typeof checkExternalServers>[0]): Promise<ExternalServiceError> {
  const error = await checkExternalServers(targets, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExternalServiceError);
  return error as ExternalServiceError;
}

// A plain HTTP server that is not Qdrant: JSON of another shape on /collections, text elsewhere.
let web: Server;
let webUrl = '';

beforeAll(async () => {
  web = createServer((request, response) => {
    if (request.url === '/collections') response.end('{"hello":"world"}');
    else response.end('<html>not an API</html>');
  });
  await new Promise<void>((done) => web.listen(0, '127.0.0.1', done));
  webUrl = `http://127.0.0.1:${(web.address() as { port: number }).port}`;
  await withAdminClient(stack.postgresUrl, (admin) =>
    admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'pw-${role}' NOCREATEDB NOSUPERUSER`),
  );
});

afterAll(async () => {
  web.closeAllConnections();
  await new Promise((done) => web.close(done));
  await withAdminClient(stack.postgresUrl, (admin) => admin.query(`DROP ROLE IF EXISTS ${role}`));
});

describe('checkExternalServers', () => {
  it('passes four servers that answer as their store, with the right credentials', async () => {
    await expect(
      checkExternalServers(
        {
          postgres: { url: stack.postgresUrl, source: 'DBC_POSTGRES_URL' },
          mongodb: { url: stack.mongodbUri, source: 'DBC_MONGODB_URL' },
          redis: { url: stack.redisUrl, source: 'DBC_REDIS_URL' },
          qdrant: { url: stack.qdrantUrl, source: 'DBC_QDRANT_URL' },
        },
        options,
      ),
    ).resolves.toBeUndefined();
  });

  it('a PostgreSQL user without CREATEDB is refused, with the ALTER ROLE to run', async () => {
    const url = new URL(stack.postgresUrl);
    url.username = role;
    url.password = `pw-${role}`;
    const error = await failure({ postgres: { url: url.toString(), source: 'fixtures.postgres.url' } });
    expect(error.failures).toEqual([
      {
        store: 'postgres',
        source: 'fixtures.postgres.url',
        target: url.toString().replace(`pw-${role}`, '****'),
        problem: `the user ${role} may not create databases`,
        answer: 'rolcreatedb = false',
        answeredBy: 'server',
        hint: `Tests create a database per worker: ALTER ROLE ${role} CREATEDB, or use a user that may.`,
      },
    ]);
    expect(error.message).not.toContain(`pw-${role}`);
  });

  it('a host that does not resolve is named as unknown', async () => {
    const error = await failure({
      redis: { url: 'redis://no-such-host.invalid:6379', source: 'DBC_REDIS_URL' },
    });
    expect(error.failures[0]).toMatchObject({
      store: 'redis',
      problem: 'the host no-such-host.invalid is unknown',
      answeredBy: 'connection',
      hint: 'Fix the host name in the URL.',
    });
    expect(error.failures[0]!.answer).toMatch(/ENOTFOUND|EAI_AGAIN/);
  });

  it('a MongoDB URL the driver refuses says to fix its options', async () => {
    const url = `${stack.mongodbUri}${stack.mongodbUri.includes('?') ? '&' : '?'}maxPoolSize=lots`;
    const error = await failure({ mongodb: { url, source: 'DBC_MONGODB_URL' } });
    expect(error.failures[0]).toMatchObject({
      store: 'mongodb',
      problem: 'the driver refused the URL',
      hint: 'Fix the URL (its options).',
    });
    expect(error.failures[0]!.answer).toMatch(/maxPoolSize/);
  });

  it("a Redis URL whose database the server does not have names the URL's database", async () => {
    const url = new URL(stack.redisUrl);
    url.pathname = '/99';
    const error = await failure({ redis: { url: url.toString(), source: 'DBC_REDIS_URL' } });
    expect(error.failures[0]).toMatchObject({
      problem: "the URL's database does not exist on the server",
      answeredBy: 'server',
      hint: 'Use a database number below the server’s `databases` setting (the path of the URL, e.g. /0).',
    });
    expect(error.failures[0]!.answer).toMatch(/DB index is out of range/);
  });

  it('an HTTP server that is not Qdrant, and a Redis URL at it, are each named as the wrong server', async () => {
    const error = await failure({
      qdrant: { url: webUrl, source: 'fixtures.qdrant.url' },
      redis: { url: webUrl.replace('http:', 'redis:'), source: 'DBC_REDIS_URL' },
    });
    const byStore = Object.fromEntries(error.failures.map((f) => [f.store, f]));
    expect(byStore.qdrant).toMatchObject({
      problem: 'the server does not answer as Qdrant',
      answeredBy: 'server',
    });
    expect(byStore.qdrant!.hint).toMatch(/Qdrant/);
    expect(byStore.redis!.problem).toMatch(
      /^(the server does not speak the Redis protocol|the server at 127\.0\.0\.1:\d+ closed the connection without a Redis answer)$/,
    );
  });
});
