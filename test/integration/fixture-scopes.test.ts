import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The Vitest fixtures' scopes and misuse, seen through the real runner: `vitest run` on small
// projects in test/fixtures as a child process.
const root = resolve(import.meta.dirname, '../..');

function vitestRun(
  project: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  const dir = join(root, 'test/fixtures', project);
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true', DBC_QUIET: 'true', ...env },
        timeout: 170_000,
      },
    );
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += String(d)));
    child.stderr!.on('data', (d: Buffer) => (output += String(d)));
    child.once('close', (code) => done({ code, output }));
  });
}

describe('isolation overrides through the real runner', () => {
  it('a file’s test.override() ends with the file under isolate: false (the next file of the worker runs under the default)', async () => {
    const { code, output } = await vitestRun('vitest-scopes');
    expect(output).toContain('2 passed');
    expect(code).toBe(0);
  });

  it('a failed test prints the faker seed only when factories made its data', async () => {
    const { code, output } = await vitestRun('vitest-scopes', { DBC_SCOPES_DIR: 'failing' });
    expect(code).not.toBe(0);
    expect(output).toContain('2 failed');
    expect(output).toMatch(/Factory data of "fails after building factory data" came from faker seed \d+/);
    expect(output).not.toContain('Factory data of "fails without factory data"');
  });

  it('databaseTest() without the plugin fails naming the plugin to add', async () => {
    const { code, output } = await vitestRun('vitest-no-plugin');
    expect(code).not.toBe(0);
    expect(output).toContain('FixturesNotSetUpError');
    expect(output).toContain('databaseTest() found no database stack');
    expect(output).toContain('plugins: [databaseFixtures(');
    expect(output).not.toContain("Cannot read properties of undefined (reading 'isolation')");
  });
});
