import { execFile } from 'node:child_process';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { getContainerRuntimeClient } from 'testcontainers';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { LABELS } from '../../src/containers/container-labels.js';
import { removeOrphans } from '../../src/containers/docker.js';
import { startDatabaseStack } from '../../src/containers/stack.js';
import {
  ConfigValidationError,
  ContainerStartError,
  MigrationError,
  RemoteHostRefusedError,
} from 'database-config/internal';
import { sha256 } from '../../src/migrations/migration-files.js';
import { databaseUrl } from '../../src/migrations/postgres-migrations.js';
import { defineDatabaseFixtures } from '../../src/setup/fixture-config.js';

const fixtures = resolve(import.meta.dirname, '../fixtures');
const quiet = { progress: () => undefined };

async function containers(labels: string[]) {
  const client = await getContainerRuntimeClient();
  return client.container.dockerode.listContainers({ all: true, filters: { label: labels } });
}
const ownContainers = () => containers([`${LABELS.ownerPid}=${process.pid}`]);

async function query<T>(url: string, database: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl(url, database) });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A TCP port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0);
  await new Promise((done) => server.once('listening', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/**
 * Runs test/integration/children/start-stack.ts in a child process (its own testcontainers state).
 * With `hideDocker`, the child runs in a private mount namespace where the Docker socket is
 * replaced by /dev/null: a machine with no container runtime (needs root and util-linux unshare).
 */
/** The last line a failing child printed: `{ ok: false, name, message }`. */
async function failure(proc: ReturnType<typeof child>) {
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += String(d)));
  await new Promise((done) => proc.once('close', done));
  return JSON.parse(out.trim().split('\n').at(-1)!) as { ok: boolean; name: string; message: string };
}

function child(
  config: object,
  options: { env?: NodeJS.ProcessEnv; hang?: boolean; hideDocker?: boolean } = {},
) {
  const node = [
    process.execPath,
    '--import',
    'tsx',
    join(import.meta.dirname, 'children/start-stack.ts'),
    JSON.stringify(config),
  ];
  if (options.hang) node.push('hang');
  const env = { ...process.env, ...options.env };
  if (!options.hideDocker) return execFile(node[0]!, node.slice(1), { env });
  const script = 'mount --bind /dev/null /var/run/docker.sock && exec "$@"';
  return execFile('unshare', ['--mount', 'sh', '-c', script, 'sh', ...node], { env });
}

describe('startDatabaseStack', () => {
  it('starts all four stores in parallel and migrates PostgreSQL and MongoDB once into templates', async () => {
    const lines: string[] = [];
    await using stack = await startDatabaseStack(
      defineDatabaseFixtures({
        postgres: { migrations: join(fixtures, 'pg-good') },
        mongodb: { migrations: join(fixtures, 'mongo-good') },
        redis: {},
        qdrant: { collections: [{ name: 'products', vectors: { size: 4, distance: 'Cosine' } }] },
      }),
      { progress: (line) => lines.push(line) },
    );
    const { info } = stack;
    for (const key of [
      'start.postgres_ms',
      'start.mongodb_ms',
      'start.redis_ms',
      'start.qdrant_ms',
      'start.all_ms',
      'migrate.postgres_ms',
      'migrate.mongodb_ms',
      'total_ms',
    ]) {
      expect(info.timings[key], key).toBeTypeOf('number');
    }
    for (const store of ['postgres', 'mongodb', 'redis', 'qdrant']) {
      expect(lines).toContain(`${store} ready in ${info.timings[`start.${store}_ms`]} ms`);
    }
    expect(await ownContainers()).toHaveLength(4);
    // PostgreSQL's readiness was polled at start, not by a Docker health check left running for the
    // container's life (a `docker exec` every 250 ms; the testcontainers module's default).
    const [postgres] = await containers([`${LABELS.ownerPid}=${process.pid}`, `${LABELS.store}=postgres`]);
    const client = await getContainerRuntimeClient();
    const inspected = await client.container.dockerode.getContainer(postgres!.Id).inspect();
    expect(inspected.Config.Healthcheck?.Test).toEqual(['NONE']);
    expect(inspected.State.Health).toBeUndefined();

    // The template holds the schema, the reference rows, and _prisma_migrations as Prisma records it.
    const template = info.postgres!.template!;
    expect(template).toMatch(/^dbc_tpl_[0-9a-f]{6}_[0-9a-f]{16}$/);
    const rows = await query<{
      migration_name: string;
      checksum: string;
      applied_steps_count: number;
      finished: boolean;
    }>(
      info.postgres!.url,
      template,
      'SELECT migration_name, checksum, applied_steps_count, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name',
    );
    const { readFile } = await import('node:fs/promises');
    const checksum = sha256(
      await readFile(join(fixtures, 'pg-good/20250101000000_init/migration.sql'), 'utf8'),
    );
    expect(rows).toEqual([
      { migration_name: '20250101000000_init', checksum, applied_steps_count: 1, finished: true },
      {
        migration_name: '20250102000000_seed',
        checksum: expect.any(String),
        applied_steps_count: 1,
        finished: true,
      },
    ]);
    expect(await query(info.postgres!.url, template, 'SELECT name FROM "Thing" ORDER BY id')).toEqual([
      { name: 'reference-a' },
      { name: 'reference-b' },
    ]);

    const mongo = await MongoClient.connect(info.mongodb!.url);
    try {
      const db = mongo.db(info.mongodb!.template!);
      expect(await db.collection('things').countDocuments()).toBe(2);
      const indexes = await db.collection('things').listIndexes().toArray();
      expect(indexes.find((i) => i.name === 'name_1')).toMatchObject({ unique: true });
      expect(await db.collection('changelog').countDocuments()).toBe(1);
    } finally {
      await mongo.close();
    }
    await stack.stop();
    await stack.stop();
    expect(await ownContainers()).toHaveLength(0);
  });

  it('with reuse on, a second process attaches to the running containers and the existing template', async () => {
    const fixturesConfig = { postgres: { migrations: join(fixtures, 'pg-good') }, redis: {}, reuse: true };
    const reusableLabels = [`${LABELS.managed}=true`, 'org.testcontainers.container-hash'];
    const before = new Set((await containers(reusableLabels)).map((c) => c.Id));
    const first = await startDatabaseStack(defineDatabaseFixtures(fixturesConfig), quiet);
    // Only the containers this test made reusable (another run may have its own).
    const reusable = (await containers(reusableLabels)).filter((c) => !before.has(c.Id));
    expect(reusable).toHaveLength(2);
    try {
      const proc = child(fixturesConfig);
      let out = '';
      proc.stdout!.on('data', (d: Buffer) => (out += String(d)));
      await new Promise((done) => proc.once('close', done));
      const second = JSON.parse(out.trim().split('\n').at(-1)!) as {
        ok: boolean;
        info: { postgres: { url: string; template: string }; redis: { url: string } };
      };
      expect(second.ok).toBe(true);
      expect(second.info.postgres.url).toBe(first.info.postgres!.url);
      expect(second.info.postgres.template).toBe(first.info.postgres!.template);
      expect(second.info.redis.url).toBe(first.info.redis!.url);
      const after = (await containers(reusableLabels)).filter((c) => !before.has(c.Id));
      expect(after.map((c) => c.Id).sort()).toEqual(reusable.map((c) => c.Id).sort());
      await first.stop();
      // Reused containers outlive stop(); they are still running.
      const running = await containers([...reusableLabels, 'database-config.store']);
      expect(reusable.every((c) => running.some((r) => r.Id === c.Id && r.State === 'running'))).toBe(true);
    } finally {
      const client = await getContainerRuntimeClient();
      await Promise.all(
        reusable.map((c) => client.container.dockerode.getContainer(c.Id).remove({ force: true, v: true })),
      );
    }
  });

  it('uses an external server when a URL is given, and rebuilds the template when a migration was edited', async () => {
    const url = inject('stack').postgresUrl;
    const dir = await mkdtemp(join(tmpdir(), 'dbc-migrations-'));
    await cp(join(fixtures, 'pg-good'), dir, { recursive: true });
    const redisUrl = inject('stack').redisUrl;
    const config = defineDatabaseFixtures({ postgres: { url, migrations: dir }, redis: { url: redisUrl } });
    const before = await ownContainers();

    const first = await startDatabaseStack(config, quiet);
    expect(first.info.postgres!.external).toBe(true);
    // A shared external Redis: workers get key prefixes, never a FLUSHDB of a database.
    expect(first.info.redis).toMatchObject({ url: redisUrl, external: true, namespace: 'prefix' });
    expect(await ownContainers()).toEqual(before);

    await writeFile(
      join(dir, '20250102000000_seed/migration.sql'),
      `INSERT INTO "Thing" ("name") VALUES ('edited');\n`,
    );
    const lines: string[] = [];
    const second = await startDatabaseStack(config, { progress: (line) => lines.push(line) });
    expect(second.info.postgres!.template).not.toBe(first.info.postgres!.template);
    expect(lines[0]).toBe(
      `postgres migrations changed since template ${first.info.postgres!.template} was built; rebuilt as ${second.info.postgres!.template}`,
    );
    const templates = await query<{ datname: string }>(
      url,
      'postgres',
      "SELECT datname FROM pg_database WHERE datname LIKE 'dbc_tpl_%'",
    );
    expect(templates.map((t) => t.datname)).toContain(second.info.postgres!.template);
    expect(templates.map((t) => t.datname)).not.toContain(first.info.postgres!.template);
  });

  it('refuses an external server on a host that is not local unless allowed', async () => {
    const config = defineDatabaseFixtures({
      postgres: { url: 'postgresql://app:secret@db.example.com:5432/app' },
    });
    const error = await startDatabaseStack(config, quiet).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteHostRefusedError);
    expect((error as Error).message).toContain('postgres at db.example.com:5432');
    expect((error as Error).message).toContain('DBC_ALLOW_REMOTE=true');
    expect((error as Error).message).not.toContain('secret');
  });

  it('reports a missing or empty migrations folder before starting anything', async () => {
    const before = await ownContainers();
    const missing = await startDatabaseStack(
      defineDatabaseFixtures({ postgres: { migrations: join(fixtures, 'nope') } }),
      quiet,
    ).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ConfigValidationError);
    expect((missing as Error).message).toMatch(
      /fixtures\.postgres\.migrations: folder .*nope does not exist/,
    );
    const empty = await startDatabaseStack(
      defineDatabaseFixtures({ mongodb: { migrations: join(fixtures, 'pg-empty') } }),
      quiet,
    ).catch((e: unknown) => e);
    expect((empty as Error).message).toMatch(
      /fixtures\.mongodb\.migrations: folder .*pg-empty holds no migration/,
    );
    expect(await ownContainers()).toEqual(before);
  });

  it('a failing migration names the file, line and column and the server message, and leaves no template and no container', async () => {
    const error = (await startDatabaseStack(
      defineDatabaseFixtures({ postgres: { migrations: join(fixtures, 'pg-bad') }, redis: {} }),
      quiet,
    ).catch((e: unknown) => e)) as MigrationError;
    expect(error).toBeInstanceOf(MigrationError);
    expect(error.migration).toBe('20250102000000_broken/migration.sql');
    expect(error.message).toContain('line 5, column 8: syntax error at or near "TABEL" (SQLSTATE 42601)');
    expect(error.message).toContain('No template was kept');
    expect(await ownContainers()).toHaveLength(0);
  });

  it('an image that cannot be found names it and its override variable, and stops the stores that did start', async () => {
    const error = (await startDatabaseStack(
      defineDatabaseFixtures({ redis: { image: 'database-config/does-not-exist:1' }, qdrant: {} }),
      quiet,
    ).catch((e: unknown) => e)) as ContainerStartError;
    expect(error).toBeInstanceOf(ContainerStartError);
    expect(error.store).toBe('redis');
    expect(error.message).toContain(
      'database-config/does-not-exist:1 is not available locally and cannot be pulled',
    );
    expect(error.message).toContain('DBC_REDIS_IMAGE');
    expect(await ownContainers()).toHaveLength(0);
  });

  it('with no container runtime, fails with one error naming what was tried and the ways out', async () => {
    const parsed = await failure(child({ redis: {} }, { hideDocker: true, env: { DOCKER_HOST: '' } }));
    expect(parsed.ok).toBe(false);
    expect(parsed.name).toBe('DockerUnavailableError');
    expect(parsed.message).toContain('DOCKER_HOST (unset), /var/run/docker.sock (exists, not answering)');
    expect(parsed.message).toContain('DBC_POSTGRES_URL');
  });

  it('the next run removes the containers of a run whose process and watcher died (the second line of crash cleanup)', async () => {
    const proc = child({ redis: {} }, { hang: true });
    const line = await new Promise<string>((done) =>
      proc.stdout!.once('data', (d: Buffer) => done(String(d))),
    );
    const { info } = JSON.parse(line) as { info: { runId: string } };
    const orphaned = await containers([`${LABELS.run}=${info.runId}`]);
    expect(orphaned).toHaveLength(1);
    // The run's watcher (its only child process) goes first, as when a whole machine or cgroup is killed.
    const watchers = readFileSync(`/proc/${proc.pid}/task/${proc.pid}/children`, 'utf8').trim().split(' ');
    expect(watchers).toHaveLength(1);
    process.kill(Number(watchers[0]), 'SIGKILL');
    proc.kill('SIGKILL');
    await new Promise((done) => proc.once('close', done));

    const removed = await removeOrphans(await getContainerRuntimeClient());
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await containers([`${LABELS.run}=${info.runId}`])).toHaveLength(0);
  });

  it('a fixed host port is used, and a second run wanting it fails naming the port and its key, leaving nothing', async () => {
    const port = await freePort();
    await using first = await startDatabaseStack(defineDatabaseFixtures({ redis: { port } }), quiet);
    expect(new URL(first.info.redis!.url).port).toBe(String(port));
    const ids = async () => (await ownContainers()).map((c) => c.Id).sort();
    const before = await ids();
    const error = await startDatabaseStack(
      defineDatabaseFixtures({ redis: { port }, postgres: {} }),
      quiet,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContainerStartError);
    expect((error as Error).message).toContain(`Host port ${port} (fixtures.redis.port) is taken`);
    expect(await ids()).toEqual(before);
  });

  it('Docker stopping during start: a clear error, and the next start removes what was created', async () => {
    // The child talks to Docker through a proxy that goes away once a container is being started.
    const socket = join(await mkdtemp(join(tmpdir(), 'dbc-docker-')), 'docker.sock');
    const open = new Set<Socket>();
    const proxy = createServer((client) => {
      const upstream = connect('/var/run/docker.sock');
      open.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      client.on('data', (chunk: Buffer) => {
        if (/^POST \S*\/containers\/[0-9a-f]+\/start/m.test(chunk.toString('latin1')))
          setTimeout(() => {
            proxy.close();
            for (const s of open) s.destroy();
          }, 100);
      });
    }).listen(socket);
    const proc = child({ redis: {} }, { env: { DOCKER_HOST: `unix://${socket}` } });
    const result = await failure(proc);
    expect(result.ok).toBe(false);
    expect(result.name).toBe('ContainerStartError');
    expect(result.message).toContain('The Docker engine stopped answering during start');
    const left = await containers([`${LABELS.ownerPid}=${proc.pid}`]);
    expect(left).toHaveLength(1);
    await removeOrphans(await getContainerRuntimeClient());
    expect(await containers([`${LABELS.ownerPid}=${proc.pid}`])).toHaveLength(0);
  });

  it('Ctrl-C (SIGINT) stops the run’s containers, and the process still ends by the signal', async () => {
    const proc = child({ redis: {} }, { hang: true });
    const line = await new Promise<string>((done) =>
      proc.stdout!.once('data', (d: Buffer) => done(String(d))),
    );
    const { info } = JSON.parse(line) as { info: { runId: string } };
    expect(await containers([`${LABELS.run}=${info.runId}`])).toHaveLength(1);
    proc.kill('SIGINT');
    const [, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
      proc.once('close', (code, sig) => done([code, sig])),
    );
    expect(signal).toBe('SIGINT');
    expect(await containers([`${LABELS.run}=${info.runId}`])).toHaveLength(0);
  });
});

afterAll(async () => {
  // Nothing this file started may outlive it.
  expect(await ownContainers()).toHaveLength(0);
});
