// More of the CLI through its real process: help topics and usage errors of every command, how
// `generate` hands its options, environment, exit code and signal on to the project's prisma, and
// how `status`/`clean` treat containers of another host and without a published port.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GenericContainer, getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LABELS } from '../../src/containers/container-labels.js';
import { resolveImage } from '../../src/containers/images.js';
import type { ManagedContainer } from '../../src/cli/managed-containers.js';
import { runCli } from '../fixtures/cli-run.js';

const REPO = join(import.meta.dirname, '../..');

describe('database-config help and usage errors', () => {
  it('help <command> shows that command, help with an unknown topic the main help', async () => {
    const topic = await runCli(['help', 'status']);
    expect(topic.code).toBe(0);
    expect(topic.stdout).toMatch(/^Usage: database-config status \[--json\]/);
    const unknown = await runCli(['help', 'nothing']);
    expect(unknown.code).toBe(0);
    expect(unknown.stdout).toMatch(/^Usage: database-config <command> \[options\]/);
    const generate = await runCli(['generate', '--help']);
    expect(generate.code).toBe(0);
    expect(generate.stdout).toMatch(/^Usage: database-config generate \[options\]/);
    const status = await runCli(['status', '-h']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('--json');
  });

  it('an unknown top-level option, and arguments after -- of status and clean, are usage errors (exit 2)', async () => {
    const option = await runCli(['-x']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^database-config: unknown option -x\n\nUsage: database-config <command>/);
    for (const command of ['status', 'clean']) {
      const rest = await runCli([command, '--', 'extra', 'words']);
      expect(rest.code).toBe(2);
      expect(rest.stderr).toMatch(
        new RegExp(
          `^database-config ${command}: unexpected arguments after --: extra words\\n\\nUsage: database-config ${command}`,
        ),
      );
    }
  });
});

// A stand-in for the project's prisma CLI: it records its arguments and the schema engine it was
// given, then exits as told (PRISMA_STANDIN_EXIT: a code, or a signal it sends itself).
const STANDIN = `
const { writeFileSync } = require('node:fs');
writeFileSync(process.env.PRISMA_STANDIN_RECORD, JSON.stringify({
  args: process.argv.slice(2),
  engine: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? null,
}));
const exit = process.env.PRISMA_STANDIN_EXIT ?? '0';
if (/^SIG/.test(exit)) process.kill(process.pid, exit);
else process.exit(Number(exit));
`;

const projects: string[] = [];
afterEach(() => {
  for (const dir of projects.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project folder (no package.json: the nearest one up is none) with the stand-in as node_modules/prisma. */
function standinProject() {
  const dir = mkdtempSync(join(tmpdir(), 'dbc-cli-standin-'));
  projects.push(dir);
  mkdirSync(join(dir, 'node_modules', 'prisma', 'build'), { recursive: true });
  writeFileSync(
    join(dir, 'node_modules', 'prisma', 'package.json'),
    '{ "name": "prisma", "version": "0.0.0" }',
  );
  writeFileSync(join(dir, 'node_modules', 'prisma', 'build', 'index.js'), STANDIN);
  const record = join(dir, 'record.json');
  const recorded = () =>
    JSON.parse(readFileSync(record, 'utf8')) as { args: string[]; engine: string | null };
  return {
    dir,
    env: { PRISMA_STANDIN_RECORD: record, DBC_PRISMA_ENGINE_STUB: '', PRISMA_SCHEMA_ENGINE_BINARY: '' },
    recorded,
  };
}

describe('database-config generate and the project prisma', () => {
  it('passes every option in order, then the arguments after --, and uses the stub next to the project', async () => {
    const { dir, env, recorded } = standinProject();
    const result = await runCli(
      [
        'generate',
        '--schema',
        's.prisma',
        '--config',
        'p.config.ts',
        '--generator',
        'a',
        '--generator',
        'b',
        '--sql',
        '--no-hints',
        '--require-models',
        '--',
        '--watch',
      ],
      { cwd: dir, env },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(recorded().args).toEqual([
      'generate',
      '--schema',
      's.prisma',
      '--config',
      'p.config.ts',
      '--generator',
      'a',
      '--generator',
      'b',
      '--sql',
      '--no-hints',
      '--require-models',
      '--watch',
    ]);
    const stub = join(dir, 'node_modules', '.cache', 'database-config', 'schema-engine-stub');
    expect(recorded().engine).toBe(stub);
    expect(result.stderr).toContain(
      'a stub schema engine stands in (no schema engine is installed under @prisma/engines)',
    );
  });

  it('a schema engine given in PRISMA_SCHEMA_ENGINE_BINARY is used as it is; DBC_PRISMA_ENGINE_STUB=true forces the stub', async () => {
    const { dir, env, recorded } = standinProject();
    const own = await runCli(['generate'], {
      cwd: dir,
      env: { ...env, PRISMA_SCHEMA_ENGINE_BINARY: '/opt/engine' },
    });
    expect(own.code, own.stderr).toBe(0);
    expect(recorded()).toEqual({ args: ['generate'], engine: '/opt/engine' });
    expect(own.stderr).not.toContain('stub');
    const forced = await runCli(['generate'], { cwd: dir, env: { ...env, DBC_PRISMA_ENGINE_STUB: 'true' } });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain('a stub schema engine stands in (DBC_PRISMA_ENGINE_STUB=true)');
  });

  it("ends with prisma's exit code, and by prisma's signal", async () => {
    const { dir, env } = standinProject();
    const failed = await runCli(['generate'], { cwd: dir, env: { ...env, PRISMA_STANDIN_EXIT: '3' } });
    expect(failed.code).toBe(3);

    const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          join(REPO, 'node_modules/tsx/dist/esm/index.mjs'),
          join(REPO, 'src/cli/main.ts'),
          'generate',
        ],
        { cwd: dir, env: { ...process.env, ...env, PRISMA_STANDIN_EXIT: 'SIGTERM' }, stdio: 'ignore' },
      );
      child.once('exit', (code, signal) => done({ code, signal }));
    });
    expect(ended).toEqual({ code: null, signal: 'SIGTERM' });
  });
});

describe('status and clean with containers of another host', () => {
  const started: StartedTestContainer[] = [];
  const runId = `cli-host-${randomUUID().slice(0, 8)}`;
  afterAll(async () => {
    await Promise.all(
      started.map((c) => c.stop({ remove: true, removeVolumes: true }).catch(() => undefined)),
    );
  });

  /** A container labelled as a run on another host made it: an alive-looking owner that cannot be checked from here. */
  async function otherHost(store: string) {
    const container = await new GenericContainer(resolveImage('redis'))
      .withLabels({
        [LABELS.managed]: 'true',
        [LABELS.store]: store,
        [LABELS.run]: runId,
        [LABELS.ownerPid]: String(process.pid),
        [LABELS.ownerHost]: 'another-host.example',
      })
      .start();
    started.push(container);
    return container.getId();
  }

  it('lists them as other-host, without a URL when no port is published, and clean leaves them', async () => {
    const ids = [await otherHost('redis'), await otherHost('search')];
    const result = await runCli(['status', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const listed = (JSON.parse(result.stdout) as ManagedContainer[])
      .filter((c) => c.runId === runId)
      .sort((a, b) => a.store.localeCompare(b.store));
    expect(listed.map((c) => [c.id, c.store, c.kind, c.ownerHost, c.url])).toEqual([
      [ids[0], 'redis', 'other-host', 'another-host.example', undefined],
      [ids[1], 'search', 'other-host', 'another-host.example', undefined],
    ]);

    const clean = await runCli(['clean', '--run', runId, '--yes']);
    expect(clean).toMatchObject({ code: 0, stdout: 'Nothing to remove.\n' });
    const client = await getContainerRuntimeClient();
    for (const id of ids)
      expect((await client.container.dockerode.getContainer(id).inspect()).State.Running).toBe(true);
  });
});
