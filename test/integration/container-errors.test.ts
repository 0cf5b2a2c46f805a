import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getContainerRuntimeClient } from 'testcontainers';
import { afterAll, describe, expect, it } from 'vitest';
import { LABELS } from '../../src/containers/container-labels.js';
import { startDatabaseStack } from '../../src/containers/stack.js';
import { ContainerStartError, DockerUnavailableError } from 'database-config/internal';
import { defineDatabaseFixtures } from '../../src/setup/fixture-config.js';

const quiet = { progress: () => undefined };

async function ownContainers() {
  const client = await getContainerRuntimeClient();
  return client.container.dockerode.listContainers({
    all: true,
    filters: { label: [`${LABELS.ownerPid}=${process.pid}`] },
  });
}

/** startDatabaseStack's error with DOCKER_HOST set to `value` (in this process, restored after). */
async function startWithDockerHost(value: string): Promise<DockerUnavailableError> {
  const error = await withDockerHost(value, () =>
    startDatabaseStack(defineDatabaseFixtures({ redis: {} }), quiet).catch((e: unknown) => e),
  );
  expect(error).toBeInstanceOf(DockerUnavailableError);
  return error as DockerUnavailableError;
}

async function withDockerHost<T>(value: string, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.DOCKER_HOST;
  process.env.DOCKER_HOST = value;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
  }
}

async function listen<T extends Server>(server: T, at: number | string = 0): Promise<T> {
  await new Promise<void>((done) => server.listen(at, done));
  return server;
}
const portOf = (server: Server) => (server.address() as AddressInfo).port;

describe('DOCKER_HOST pointing at an engine that does not answer: an error naming it, never the local engine', () => {
  it('a unix socket that does not exist', async () => {
    const value = `unix:///tmp/no-such-${randomUUID().slice(0, 8)}.sock`;
    const error = await startWithDockerHost(value);
    expect(error.dockerHost).toBe(value);
    expect(error.message).toContain(
      `The container runtime DOCKER_HOST names does not answer (tried DOCKER_HOST=${value}`,
    );
    expect(error.message).toContain(`socket ${value.slice('unix://'.length)} does not exist`);
    expect(error.message).toContain('uses no other engine while DOCKER_HOST is set');
    expect(error.message).toContain('unset DOCKER_HOST to use the local engine');
    expect(await ownContainers()).toHaveLength(0);
  });

  it('a TCP port nothing listens on', async () => {
    const server = await listen(createServer());
    const port = portOf(server);
    await new Promise((done) => server.close(done));
    const error = await startWithDockerHost(`tcp://127.0.0.1:${port}`);
    expect(error.message).toContain(
      `tried DOCKER_HOST=tcp://127.0.0.1:${port} (127.0.0.1:${port}, GET /_ping)`,
    );
    expect(error.message).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('a TCP server that accepts and never answers: bounded by the ping timeout', async () => {
    const sockets = new Set<Socket>();
    const server = await listen(createServer((socket) => sockets.add(socket)));
    try {
      const began = Date.now();
      const error = await startWithDockerHost(`tcp://127.0.0.1:${portOf(server)}`);
      expect(error.message).toContain('no answer within 5000 ms');
      expect(Date.now() - began).toBeLessThan(15_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => server.close(done));
    }
  });

  it('a socket that answers HTTP but is no Docker engine', async () => {
    const socket = join(await mkdtemp(join(tmpdir(), 'dbc-not-docker-')), 'not-docker.sock');
    const server = await listen(
      createHttpServer((_req, res) => res.writeHead(404).end('page not found')),
      socket,
    );
    try {
      const error = await startWithDockerHost(`unix://${socket}`);
      expect(error.message).toContain('it answered HTTP 404: page not found');
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});

describe('DOCKER_HOST that answers', () => {
  it('is used', async () => {
    await getContainerRuntimeClient();
    await withDockerHost('unix:///var/run/docker.sock', async () => {
      await using stack = await startDatabaseStack(defineDatabaseFixtures({ redis: {} }), quiet);
      expect(stack.info.redis?.url).toMatch(/^redis:/);
    });
  });

  it('but is not the engine testcontainers uses (its client was made earlier): an error, not the other engine', async () => {
    await getContainerRuntimeClient();
    const socket = join(await mkdtemp(join(tmpdir(), 'dbc-proxy-')), 'docker.sock');
    const proxy = await listen(
      createServer((client) => client.pipe(connect('/var/run/docker.sock')).pipe(client)),
      socket,
    );
    try {
      const error = await startWithDockerHost(`unix://${socket}`);
      expect(error.message).toContain(`but testcontainers uses /var/run/docker.sock instead`);
      expect(await ownContainers()).toHaveLength(0);
    } finally {
      await new Promise((done) => proxy.close(done));
    }
  });
});

describe('a container that exits at start', () => {
  it('keeps the server’s last log lines in the error and says which key to fix; nothing is left', async () => {
    const error = (await startDatabaseStack(
      defineDatabaseFixtures({ postgres: { command: ['postgres', '-c', 'no_such_setting=1'] } }),
      quiet,
    ).catch((e: unknown) => e)) as ContainerStartError;
    expect(error).toBeInstanceOf(ContainerStartError);
    expect(error.store).toBe('postgres');
    expect(error.logs.length).toBeGreaterThan(0);
    expect(error.logs.length).toBeLessThanOrEqual(20);
    const fatal = error.logs.find((line) =>
      line.includes('unrecognized configuration parameter "no_such_setting"'),
    );
    expect(fatal, error.logs.join('\n')).toBeDefined();
    expect(error.message).toContain(`  | ${fatal}`);
    expect(error.message).toContain('fixtures.postgres.command');
    expect(error.message).toContain('fixtures.postgres.env');
    expect(await ownContainers()).toHaveLength(0);
  });
});

afterAll(async () => {
  expect(await ownContainers()).toHaveLength(0);
});
