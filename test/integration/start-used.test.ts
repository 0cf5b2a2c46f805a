import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { getContainerRuntimeClient } from 'testcontainers';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../../src/containers/container-labels.js';

// Starting only what a run uses, through the real runners as child processes: all four stores are
// configured in test/fixtures/vitest-start and jest-start; the runs select files on the command
// line. The run's containers are the ones labelled with the runner's main process as owner; they
// are watched while the run goes, and counted after it.
const root = resolve(import.meta.dirname, '../..');

async function ownedBy(pid: number) {
  const client = await getContainerRuntimeClient();
  return client.container.dockerode.listContainers({
    all: true,
    filters: { label: [`${LABELS.ownerPid}=${pid}`] },
  });
}

/** Runs `args` with node in `cwd`; the stores of the containers seen during the run, and those left after. */
async function watchRun(cwd: string, args: string[], env: Record<string, string> = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true', ...env };
  delete childEnv.DBC_FIXTURES_CONFIG;
  delete childEnv.DBC_STACK;
  delete childEnv.DBC_QUIET;
  delete childEnv.DBC_START;
  const child = spawn(process.execPath, args, { cwd, env: childEnv });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += String(d)));
  child.stderr.on('data', (d: Buffer) => (output += String(d)));
  const exited = new Promise<number | null>((done) => child.once('close', done));
  let running = true;
  void exited.then(() => (running = false));
  const seen = new Set<string>();
  const ids = new Set<string>();
  while (running) {
    for (const c of await ownedBy(child.pid!)) {
      seen.add(c.Labels[LABELS.store]!);
      ids.add(c.Id);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  const code = await exited;
  const left = await ownedBy(child.pid!);
  return { code, output, seen: [...seen].sort(), containers: ids.size, left };
}

const vitest = (filter: string, env?: Record<string, string>) => {
  const dir = join(root, 'test/fixtures/vitest-start');
  return watchRun(dir, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir, filter], env);
};

describe('a run starts the stores its selected files use', { timeout: 240_000 }, () => {
  it('Vitest, one PostgreSQL-only file with four stores configured: one container, none left', async () => {
    const { code, output, seen, left } = await vitest('files/postgres-only');
    expect(output).toContain('1 passed');
    expect(code, output).toBe(0);
    expect(output).toContain('mongodb, redis, qdrant not named by the selected test files');
    expect(seen, output).toEqual(['postgres']);
    expect(left, output).toHaveLength(0);
  });

  it('Vitest, a file whose databaseTest() tests are all skipped: the store its source names opens before its tests (no fixture asked for it), the run passes, none left', async () => {
    const { code, output, seen, left } = await vitest('files/skipped-fixtures', {
      DEBUG: 'database-config:postgres',
    });
    expect(output).toMatch(/1 passed \| 1 skipped|1 skipped \| 1 passed|1 passed.*1 skipped/);
    expect(code, output).toBe(0);
    // Opened by the warm-up (no test asked for it), then released by the setup file's afterAll.
    expect(output, output).toMatch(/worker database dbc_w\d+_\w+ (ready|taken over)/);
    expect(output).not.toMatch(/Error|unhandled/i);
    expect(seen, output).toEqual(['postgres']);
    expect(left, output).toHaveLength(0);
  });

  it('Vitest, two files in two workers that reach Redis through a module the scan cannot see: Redis starts on demand once, the tests pass, none left', async () => {
    const { code, output, seen, containers, left } = await vitest('files/hidden-store');
    expect(output).toContain('2 passed');
    expect(code, output).toBe(0);
    expect(output).toContain('redis starting on demand');
    expect(output.match(/redis starting on demand/g), output).toHaveLength(1);
    expect(seen, output).toEqual(['redis']);
    expect(containers, output).toBe(1);
    expect(left, output).toHaveLength(0);
  });

  it('Jest, the same file: Redis starts on demand, the test passes, none left', async () => {
    const { code, output, seen, left } = await watchRun(root, [
      'node_modules/jest/bin/jest.js',
      '-c',
      'test/fixtures/jest-start/jest.config.cjs',
      'hidden-store',
    ]);
    expect(output).toMatch(/Tests:\s+1 passed, 1 total/);
    expect(code, output).toBe(0);
    expect(output).toContain('redis starting on demand');
    expect(seen, output).toEqual(['redis']);
    expect(left, output).toHaveLength(0);
  });
});
