// The runners' global setups and teardowns called as the runners call them, in this worker (so they
// are measured: Vitest runs its global setups through a module runner with no file names, Jest in
// its main process): each starts a real Redis container, hands its URL on, and its teardown removes
// the container and prints the reset report when asked. test/integration/global-setup-failure.test.ts
// and the Jest suites run the same modules through the real runners.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import debug from 'debug';
import { Redis } from 'ioredis';
import { getContainerRuntimeClient } from 'testcontainers';
import type { TestProject } from 'vitest/node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigValidationError } from 'database-config/internal';
import { LABELS } from '../../src/containers/container-labels.js';
import type { StackInfo } from '../../src/containers/stack-info.js';
import { reportDir } from '../../src/containers/run-folder.js';
import { defineDatabaseFixtures, type DatabaseFixturesConfig } from '../../src/setup/fixture-config.js';
import { CONFIG_ENV, STACK_ENV } from '../../src/setup/jest-config.js';
import jestGlobalSetup, { startedStack } from '../../src/setup/jest-global-setup.js';
import jestGlobalTeardown from '../../src/setup/jest-global-teardown.js';
import vitestGlobalSetup from '../../src/setup/vitest-global-setup.js';

const SAVED = ['DBC_REPORT', CONFIG_ENV, STACK_ENV] as const;
const saved = Object.fromEntries(SAVED.map((name) => [name, process.env[name]]));
let stderr: string[];

beforeEach(() => {
  stderr = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const name of SAVED) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

async function runContainers(runId: string) {
  const client = await getContainerRuntimeClient();
  return client.container.dockerode.listContainers({
    all: true,
    filters: { label: [`${LABELS.run}=${runId}`] },
  });
}

async function ping(url: string): Promise<string> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5_000 });
  try {
    await redis.connect();
    return await redis.ping();
  } finally {
    redis.disconnect();
  }
}

/** What a worker leaves for the reset report: its resets' durations per store. */
function workerResets(runId: string, redis: number[]) {
  mkdirSync(reportDir(runId), { recursive: true });
  writeFileSync(join(reportDir(runId), `w1-${process.pid}.jsonl`), `${JSON.stringify({ redis })}\n`);
}

const reportLines = () =>
  stderr
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('database-config: reset '));

/** The part of Vitest's TestProject a global setup uses: the provided context and the project's config. */
function testProject(config: DatabaseFixturesConfig) {
  const provided: Record<string, unknown> = {
    databaseFixturesConfig: { ...defineDatabaseFixtures(config), root: process.cwd() },
  };
  return {
    provided,
    project: {
      config: { isolate: true },
      getProvidedContext: () => provided,
      provide: (key: string, value: unknown) => void (provided[key] = value),
    } as unknown as TestProject,
  };
}

describe('the Vitest global setup', () => {
  it('provides the started stack, and its teardown removes the containers and prints the report asked for', async () => {
    const { provided, project } = testProject({ redis: {}, report: true });
    const teardown = await vitestGlobalSetup(project);
    const stack = provided.databaseStack as StackInfo;
    expect(stack.redis?.url).toMatch(/^redis:\/\//);
    expect(await ping(stack.redis!.url)).toBe('PONG');
    expect(await runContainers(stack.runId)).toHaveLength(1);
    workerResets(stack.runId, [2, 4]);

    await teardown();
    expect(await runContainers(stack.runId)).toEqual([]);
    expect(reportLines()).toEqual(['database-config: reset redis        2 tests  p50 4.00 ms  p99 4.00 ms']);
  });

  it('without report (config or DBC_REPORT) the teardown prints no report', async () => {
    delete process.env.DBC_REPORT;
    const { provided, project } = testProject({ redis: {} });
    const teardown = await vitestGlobalSetup(project);
    const stack = provided.databaseStack as StackInfo;
    workerResets(stack.runId, [1]);
    await teardown();
    expect(reportLines()).toEqual([]);
    expect(await runContainers(stack.runId)).toEqual([]);
  });

  it("with a failed test's data kept, the teardown leaves the containers running and says how to remove them", async () => {
    const { provided, project } = testProject({ redis: {} });
    const teardown = await vitestGlobalSetup(project);
    const stack = provided.databaseStack as StackInfo;
    mkdirSync(reportDir(stack.runId), { recursive: true });
    writeFileSync(join(reportDir(stack.runId), `kept-1-${process.pid}-${Date.now()}.txt`), 'redis: kept\n');
    const [container] = await runContainers(stack.runId);
    try {
      await teardown();
      expect(stderr.join('')).toContain(
        `database-config: containers kept running for the kept data until the next run removes them; remove them sooner with: docker rm -f ${container!.Id.slice(0, 12)}\n`,
      );
      expect((await runContainers(stack.runId)).map((c) => c.State)).toEqual(['running']);
      expect(await ping(stack.redis!.url)).toBe('PONG');
    } finally {
      const client = await getContainerRuntimeClient();
      await client.container.dockerode.getContainer(container!.Id).remove({ force: true, v: true });
      rmSync(reportDir(stack.runId), { recursive: true, force: true });
    }
  });

  it('a library error is printed first and handed to Vitest as its name and message alone; DEBUG keeps the original', async () => {
    const { project } = testProject({ postgres: { migrations: './no-such-migrations' } });
    const shown = (await vitestGlobalSetup(project).catch((e: unknown) => e)) as Error;
    expect(shown).not.toBeInstanceOf(ConfigValidationError);
    expect(shown.name).toBe('ConfigValidationError');
    expect(shown.message).toMatch(
      /fixtures\.postgres\.migrations: folder \S+no-such-migrations does not exist/,
    );
    expect(shown.stack).toBe(`${shown.name}: ${shown.message}`);
    expect(stderr.join('')).toContain(
      `database-config: the setup failed before any test ran.\nConfigValidationError: ${shown.message}\n\n`,
    );

    const before = debug.disable();
    debug.enable('database-config:setup');
    try {
      stderr.length = 0;
      const original = await vitestGlobalSetup(project).catch((e: unknown) => e);
      expect(original).toBeInstanceOf(ConfigValidationError);
      expect(stderr.join('')).not.toContain('the setup failed before any test ran');
    } finally {
      debug.disable();
      if (before) debug.enable(before);
    }
  });
});

describe('the Jest global setup and teardown', () => {
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('database-config.jest-stack')];
  });

  it('a teardown without a started stack does nothing', async () => {
    expect(startedStack()).toBeUndefined();
    await expect(jestGlobalTeardown()).resolves.toBeUndefined();
    expect(stderr).toEqual([]);
  });

  it("starts the stack of the rootDir's config file, hands it to the workers, and the teardown stops it (report by DBC_REPORT)", async () => {
    delete process.env[CONFIG_ENV];
    process.env.DBC_REPORT = 'true';
    const rootDir = mkdtempSync(join(tmpdir(), 'dbc-jest-setup-'));
    writeFileSync(join(rootDir, 'database-fixtures.config.mjs'), 'export default { redis: {} };\n');

    await jestGlobalSetup({}, { rootDir });
    const stack = JSON.parse(process.env[STACK_ENV]!) as StackInfo;
    expect(startedStack()?.info).toEqual(stack);
    expect(JSON.parse(process.env[CONFIG_ENV]!).root).toBe(rootDir);
    expect(await ping(stack.redis!.url)).toBe('PONG');
    workerResets(stack.runId, [3]);

    await jestGlobalTeardown();
    expect(await runContainers(stack.runId)).toEqual([]);
    expect(reportLines()).toEqual(['database-config: reset redis        1 tests  p50 3.00 ms  p99 3.00 ms']);
  });
});
