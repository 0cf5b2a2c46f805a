import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// What a NestJS e2e file meets, without Nest (test/fixtures/app-only): spec files that import
// only the application, whose clients are module-level singletons built through database-config
// when the module loads. Run through the real runners as child processes, each with 2 workers:
// Jest in CommonJS mode with ts-jest and a test/jest-e2e.json whose rootDir is test/ (the fixture
// config sits in the folder above, its paths relative to it), and Vitest with the plugin.
const root = resolve(import.meta.dirname, '../..');
const project = join(root, 'test/fixtures/app-only');

function run(
  args: string[],
  extra: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    CI: 'true',
    DBC_QUIET: 'true',
    ...extra,
  };
  delete env.DBC_FIXTURES_CONFIG;
  delete env.DBC_STACK;
  // This process's Vitest worker ids would outrank JEST_WORKER_ID in the child (currentWorkerId).
  for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
  return new Promise((done) => {
    const child = execFile(process.execPath, args, { cwd: project, env, timeout: 170_000 });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += String(d)));
    child.stderr!.on('data', (d: Buffer) => (output += String(d)));
    child.once('close', (code) => done({ code, output }));
  });
}

describe('a spec file that imports only the application', () => {
  it('Jest preset, rootDir test/: every store isolated per test and per worker, the module-level Prisma client on the test’s transaction', async () => {
    const { code, output } = await run([
      join(root, 'node_modules/jest/bin/jest.js'),
      '-c',
      'test/jest-e2e.json',
    ]);
    expect(output).not.toContain('ConfigValidationError');
    expect(output).toMatch(/Tests:\s+8 passed, 8 total/);
    expect(code, output).toBe(0);
  });

  it('Vitest plugin: the same files, the same isolation', async () => {
    const { code, output } = await run([
      join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--root',
      project,
    ]);
    expect(output).toMatch(/Tests\s+6 passed \(6\)/);
    expect(code, output).toBe(0);
  });

  it('Vitest with isolate: false: the clients the first file built serve the next file of the worker, isolated in it too', async () => {
    const { code, output } = await run(
      [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', project],
      { APP_SHARED_WORKER: 'true' },
    );
    expect(output).toMatch(/Tests\s+6 passed \(6\)/);
    expect(code, output).toBe(0);
  });
});
