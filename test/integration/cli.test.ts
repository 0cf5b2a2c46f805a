import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { Redis } from 'ioredis';
import pg from 'pg';
import { getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { LABELS } from '../../src/containers/container-labels.js';
import { redisContainer } from '../../src/containers/redis/redis-container.js';
import { markClean, reportDir } from '../../src/containers/run-folder.js';
import type { ManagedContainer } from '../../src/cli/managed-containers.js';
import { LIBRARY_VERSION } from 'database-config/internal';
import { runCli, runCliOnTerminal, type CliResult } from '../fixtures/cli-run.js';

// `database-config status` and `clean` through the real command against this engine. Other runs'
// containers are on it too: `clean` is only run with --run <a run of this file> (or --dry-run).

async function status(): Promise<ManagedContainer[]> {
  const result = await runCli(['status', '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ManagedContainer[];
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((done) => child.once('exit', done));
  return child.pid!;
}

const started: StartedTestContainer[] = [];
const runs: string[] = [];
afterAll(async () => {
  for (const run of runs) rmSync(reportDir(run), { recursive: true, force: true });
  await Promise.all(started.map((c) => c.stop({ remove: true, removeVolumes: true }).catch(() => undefined)));
});

/** A Redis container labelled as a run of a dead process would have left it (or as a reused one). */
async function leftContainer(labels: 'dead-owner' | 'reused') {
  const runId = `cli-${randomUUID().slice(0, 8)}`;
  runs.push(runId);
  const pid = await deadPid();
  const owner: Record<string, string> =
    labels === 'reused'
      ? { [LABELS.managed]: 'true', [LABELS.store]: 'redis' }
      : {
          [LABELS.managed]: 'true',
          [LABELS.store]: 'redis',
          [LABELS.run]: runId,
          [LABELS.ownerPid]: String(pid),
          [LABELS.ownerHost]: hostname(),
        };
  const container = await redisContainer({ labels: owner }).start();
  started.push(container);
  return { container, runId, pid, id: container.getId() };
}

async function exists(id: string): Promise<boolean> {
  const client = await getContainerRuntimeClient();
  return client.container.dockerode
    .getContainer(id)
    .inspect()
    .then(
      () => true,
      (error: { statusCode?: number }) => {
        if (error.statusCode === 404) return false;
        throw error;
      },
    );
}

type Orphan = Awaited<ReturnType<typeof leftContainer>> & {
  /** Runs the CLI, remembering whether it said it removed this container. */
  cli(args: string[]): Promise<CliResult>;
  /** The same for the output of a CLI run made otherwise. */
  saw(output: string): void;
};

/**
 * Runs `body` with a container of a dead owner. Every other run's start on this engine removes such
 * containers too (removeOrphans), even while this one is starting ('Log stream ended'): when the
 * start or the body fails, the container is gone and the CLI never said it removed it, another run
 * swept it, and the body runs again with a new one (three tries).
 */
async function withOrphan(
  body: (orphan: Orphan) => Promise<void>,
  prepare?: (runId: string, pid: number) => void,
) {
  for (let attempt = 1; ; attempt++) {
    let left: Awaited<ReturnType<typeof leftContainer>> | undefined;
    let removedByCli = false;
    try {
      const started = (left = await leftContainer('dead-owner'));
      prepare?.(started.runId, started.pid);
      const saw = (output: string) => {
        removedByCli ||= output.includes(`Removed container ${started.id.slice(0, 12)}`);
      };
      const cli = async (args: string[]) => {
        const result = await runCli(args);
        saw(`${result.stdout}${result.stderr}`);
        return result;
      };
      await body({ ...started, cli, saw });
      return;
    } catch (error) {
      // A sweep may be under way (the container stopped, not yet removed): let it finish before looking.
      await new Promise((done) => setTimeout(done, 2_000));
      if (attempt === 3 || removedByCli || (left && (await exists(left.id)))) throw error;
      console.warn(
        `${left ? `container ${left.id.slice(0, 12)}` : 'the orphan container, while starting,'} was removed by another run's orphan sweep; again (${attempt + 1}/3)`,
      );
    }
  }
}

/** The container's entry in `status --json` (through `orphan.cli`). */
async function entryOf(orphan: Orphan): Promise<ManagedContainer> {
  const result = await orphan.cli(['status', '--json']);
  expect(result.code, result.stderr).toBe(0);
  const entry = (JSON.parse(result.stdout) as ManagedContainer[]).find((c) => c.id === orphan.id);
  expect(entry, `status did not list ${orphan.id}`).toBeDefined();
  return entry!;
}

describe('database-config status', () => {
  it("lists the integration stack's four containers as running, with URLs that connect", async () => {
    const stack = inject('stack');
    const all = await status();
    const byUrl = (url: string) => all.find((c) => c.url === url);
    const mine = [stack.postgresUrl, stack.mongodbUri, stack.redisUrl, stack.qdrantUrl].map(byUrl);
    expect(
      mine.map((c) => c && { store: c.store, kind: c.kind }),
      JSON.stringify(all, null, 2),
    ).toEqual([
      { store: 'postgres', kind: 'running' },
      { store: 'mongodb', kind: 'running' },
      { store: 'redis', kind: 'running' },
      { store: 'qdrant', kind: 'running' },
    ]);
    // One run, owned by this Vitest's main process (the global setup started the stack there).
    expect(new Set(mine.map((c) => c!.runId)).size).toBe(1);
    expect(mine.map((c) => c!.ownerPid)).toEqual([process.ppid, process.ppid, process.ppid, process.ppid]);
    const [postgres, mongodb, redis, qdrant] = mine.map((c) => c!.url!);

    const pgClient = new pg.Client({ connectionString: postgres, connectionTimeoutMillis: 5_000 });
    await pgClient.connect();
    expect((await pgClient.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await pgClient.end();
    const mongo = new MongoClient(mongodb!, { serverSelectionTimeoutMS: 5_000 });
    expect((await mongo.db('admin').command({ ping: 1 })).ok).toBe(1);
    await mongo.close();
    const redisClient = new Redis(redis!, { connectTimeout: 5_000, maxRetriesPerRequest: 1 });
    expect(await redisClient.ping()).toBe('PONG');
    redisClient.disconnect();
    const answer = await fetch(`${qdrant}/collections`, { signal: AbortSignal.timeout(5_000) });
    expect(answer.status).toBe(200);
  });

  it('prints an aligned table with a header on a terminal', async () => {
    const stack = inject('stack');
    const { code, output } = await runCliOnTerminal(['status']);
    expect(code, output).toBe(0);
    const lines = output.split('\r\n');
    const header = lines.find((l) => l.startsWith('ID '));
    expect(header, output).toMatch(/^ID +STORE +KIND +IMAGE +STATE +AGE +RUN +PID +URL$/);
    const row = lines.find((l) => l.endsWith(stack.postgresUrl));
    expect(row, output).toMatch(/^[0-9a-f]{12} +postgres +running +/);
    // Aligned: the URL column starts where its header does.
    expect(row!.indexOf(stack.postgresUrl)).toBe(header!.indexOf('URL'));
  });

  it('prints tab-separated lines when stdout is not a terminal', async () => {
    const stack = inject('stack');
    const result = await runCli(['status']);
    expect(result.code, result.stderr).toBe(0);
    const line = result.stdout.split('\n').find((l) => l.endsWith(`\t${stack.postgresUrl}`));
    expect(line, result.stdout).toBeDefined();
    const fields = line!.split('\t');
    expect(fields).toHaveLength(9);
    expect(fields.slice(1, 3)).toEqual(['postgres', 'running']);
    expect(fields[7]).toBe(String(process.ppid));
  });

  it('shows a container of a dead process as orphaned and a container without owner as reused', async () => {
    await withOrphan(async (orphan) => {
      const entry = await entryOf(orphan);
      expect(entry).toMatchObject({
        store: 'redis',
        kind: 'orphaned',
        runId: orphan.runId,
        ownerPid: orphan.pid,
      });
      const redisClient = new Redis(entry.url!, { connectTimeout: 5_000, maxRetriesPerRequest: 1 });
      try {
        expect(await redisClient.ping()).toBe('PONG');
      } finally {
        redisClient.disconnect();
      }
    });

    const reused = await leftContainer('reused');
    const entry = (await status()).find((c) => c.id === reused.id);
    expect(entry).toMatchObject({ store: 'redis', kind: 'reused' });
    expect(entry?.runId).toBeUndefined();
    // clean would remove it (listed by --dry-run, which removes nothing).
    const dry = await runCli(['clean', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`container ${reused.id.slice(0, 12)}  redis  reused`);
    expect(await exists(reused.id)).toBe(true);
  });

  it('fails with the DockerUnavailableError message and exit code 1 when the engine does not answer', async () => {
    const socket = `/tmp/no-such-docker-${randomUUID().slice(0, 8)}.sock`;
    const result = await runCli(['status'], { env: { DOCKER_HOST: `unix://${socket}` } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'database-config status: The container runtime DOCKER_HOST names does not answer',
    );
    expect(result.stderr).toContain(`socket ${socket} does not exist`);
    expect(result.stdout).toBe('');
  });
});

describe('database-config clean', () => {
  it('without a terminal and without --yes refuses with exit code 1 and removes nothing', async () => {
    await withOrphan(async (orphan) => {
      const result = await orphan.cli(['clean', '--run', orphan.runId]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`container ${orphan.id.slice(0, 12)}  redis  orphaned`);
      expect(result.stderr).toContain(
        'Nothing removed: there is no terminal to confirm on (stdin is not a TTY). Pass --yes',
      );
      expect(await exists(orphan.id)).toBe(true);
    });
  });

  it('--yes removes an orphaned container, and never the running stack', async () => {
    await withOrphan(async (orphan) => {
      const image = (await entryOf(orphan)).image;
      const dry = await orphan.cli(['clean', '--dry-run', '--run', orphan.runId]);
      expect(dry.stdout).toBe(
        `Would remove 1 container and 0 report folders:\n  container ${orphan.id.slice(0, 12)}  redis  orphaned  ${image}  run ${orphan.runId}\n`,
      );
      expect(await exists(orphan.id)).toBe(true);

      const result = await orphan.cli(['clean', '--yes', '--run', orphan.runId]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe(
        `Removed container ${orphan.id.slice(0, 12)}  redis  orphaned  ${image}  run ${orphan.runId}\n`,
      );
      expect(await exists(orphan.id)).toBe(false);
    });

    // The stack's own run: its owner is alive, so nothing of it is removable.
    const stack = inject('stack');
    const stackRun = (await status()).find((c) => c.url === stack.postgresUrl)!.runId!;
    const none = await runCli(['clean', '--yes', '--run', stackRun]);
    expect(none).toMatchObject({ code: 0, stdout: 'Nothing to remove.\n' });
    const after = await status();
    for (const url of [stack.postgresUrl, stack.mongodbUri, stack.redisUrl, stack.qdrantUrl]) {
      expect(after.find((c) => c.url === url)?.kind).toBe('running');
    }
  });

  it('on a terminal lists what it will remove and asks: N keeps everything, y removes', async () => {
    await withOrphan(async (orphan) => {
      const short = orphan.id.slice(0, 12);
      const no = await runCliOnTerminal(['clean', '--run', orphan.runId], 'n\r');
      orphan.saw(no.output);
      expect(no.output).toContain(
        `This removes 1 container and 0 report folders:\r\n  container ${short}  redis  orphaned`,
      );
      expect(no.output).toContain('Remove them? [y/N] ');
      expect(no.output).toContain('Aborted; nothing removed.');
      expect(no.code).toBe(1);
      expect(await exists(orphan.id)).toBe(true);

      const yes = await runCliOnTerminal(['clean', '--run', orphan.runId], 'y\r');
      orphan.saw(yes.output);
      expect(yes.output).toContain(`Removed container ${short}  redis  orphaned`);
      expect(yes.code).toBe(0);
      expect(await exists(orphan.id)).toBe(false);
    });
  });

  it("removes a kept container together with its run's report folder", async () => {
    await withOrphan(
      async (kept) => {
        expect(await entryOf(kept)).toMatchObject({ kind: 'kept', reportDir: reportDir(kept.runId) });
        const result = await kept.cli(['clean', '--yes', '--run', kept.runId]);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toContain(`Removed container ${kept.id.slice(0, 12)}  redis  kept`);
        expect(result.stdout).toContain(`Removed report folder ${reportDir(kept.runId)}`);
        expect(await exists(kept.id)).toBe(false);
        expect(existsSync(reportDir(kept.runId))).toBe(false);
      },
      (runId, pid) => {
        mkdirSync(reportDir(runId), { recursive: true });
        writeFileSync(
          join(reportDir(runId), `kept-1-${pid}-${Date.now()}.txt`),
          'database-config: kept the data of "x"\n',
        );
      },
    );
  });

  it('removes the report folder of a run without containers once its writers are gone and it is quiet for 10 minutes', async () => {
    const pid = await deadPid();
    const folder = (runId: string, ageMinutes: number) => {
      const dir = reportDir(runId);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `w1-${pid}.jsonl`);
      writeFileSync(file, '{}');
      const when = new Date(Date.now() - ageMinutes * 60_000);
      utimesSync(file, when, when);
      utimesSync(dir, when, when);
      return dir;
    };
    const oldRun = `cli-${randomUUID().slice(0, 8)}`;
    const freshRun = `cli-${randomUUID().slice(0, 8)}`;
    const aliveRun = `cli-${randomUUID().slice(0, 8)}`;
    try {
      folder(oldRun, 20);
      folder(freshRun, 1);
      // A writer that is alive (this process) keeps even an old folder.
      const aliveDir = folder(aliveRun, 20);
      markClean(aliveRun, 1, 'postgres');
      utimesSync(aliveDir, new Date(Date.now() - 20 * 60_000), new Date(Date.now() - 20 * 60_000));
      utimesSync(
        join(aliveDir, 'clean-w1-postgres'),
        new Date(Date.now() - 20 * 60_000),
        new Date(Date.now() - 20 * 60_000),
      );

      const old = await runCli(['clean', '--yes', '--run', oldRun]);
      expect(old).toMatchObject({ code: 0, stdout: `Removed report folder ${reportDir(oldRun)}\n` });
      expect(existsSync(reportDir(oldRun))).toBe(false);
      for (const run of [freshRun, aliveRun]) {
        expect(await runCli(['clean', '--yes', '--run', run])).toMatchObject({
          code: 0,
          stdout: 'Nothing to remove.\n',
        });
        expect(existsSync(reportDir(run))).toBe(true);
      }
    } finally {
      for (const run of [oldRun, freshRun, aliveRun])
        rmSync(reportDir(run), { recursive: true, force: true });
    }
  });
});

describe('database-config usage', () => {
  it('--help, <command> --help and --version print to stdout with exit code 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: database-config <command> \[options\]/);
    for (const command of ['generate', 'status', 'clean'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    const cleanHelp = await runCli(['clean', '--help']);
    expect(cleanHelp.code).toBe(0);
    expect(cleanHelp.stdout).toMatch(/^Usage: database-config clean \[--yes\]/);
    expect(cleanHelp.stdout).toContain('--dry-run');
    const version = await runCli(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${LIBRARY_VERSION}\n` });
  });

  it('an unknown command or option says so, with the commands, and exits 2', async () => {
    const unknown = await runCli(['stats']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^database-config: unknown command "stats"\n\nUsage: database-config <command>/,
    );
    expect(unknown.stderr).toMatch(/^ {2}status /m);
    expect(unknown.stdout).toBe('');

    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('database-config: no command given');

    const option = await runCli(['clean', '--force']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(
      /^database-config clean: unknown option --force\n\nUsage: database-config clean/,
    );

    const value = await runCli(['clean', '--run']);
    expect(value.code).toBe(2);
    expect(value.stderr).toContain('database-config clean: option --run needs a value (--run <id>)');

    const positional = await runCli(['status', 'postgres']);
    expect(positional.code).toBe(2);
    expect(positional.stderr).toContain('database-config status: unexpected argument "postgres"');
  });
});
