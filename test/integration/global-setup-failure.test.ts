import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// A global setup that fails (here: a migrations folder that does not exist), seen through the
// real runner: `vitest run` on test/fixtures/vitest-bad-setup as a child process.
const root = resolve(import.meta.dirname, '../..');
const project = join(root, 'test/fixtures/vitest-bad-setup');

function vitestRun(): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', project],
      { cwd: project, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true' } },
    );
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += String(d)));
    child.stderr!.on('data', (d: Buffer) => (output += String(d)));
    child.once('close', (code) => done({ code, output }));
  });
}

describe('a global setup that fails', () => {
  it('vitest run exits non-zero, prints our message first and no stack of the library’s internals', async () => {
    const { code, output } = await vitestRun();
    expect(code).not.toBe(0);
    const message = /fixtures\.postgres\.migrations: folder \S+no-such-migrations does not exist/;
    expect(output).toMatch(message);
    // Vitest 5.1 prints "No test files found" and an "Unhandled Error" for any global setup that
    // throws; our message comes before both.
    const ours = output.search(message);
    expect(ours).toBeLessThan(output.indexOf('No test files found'));
    expect(ours).toBeLessThan(output.indexOf('Unhandled Error'));
    expect(output).toContain('database-config: the setup failed before any test ran.');
    expect(output).not.toMatch(/src\/(migrations|containers|setup)\/[\w-]+\.ts/);
    expect(output).not.toContain('Serialized Error');
  });
});
