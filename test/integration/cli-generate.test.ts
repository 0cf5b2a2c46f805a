import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/cli-run.js';

// `database-config generate` in a project of its own: a temporary folder with a one-model schema of
// this repository's generator/datasource shape and this repository's prisma package linked in.
const REPO = join(import.meta.dirname, '../..');
const SCHEMA = readFileSync(join(import.meta.dirname, '../fixtures/cli-generate/schema.prisma'), 'utf8');
// Where an engine download would go: nothing listens there, so any attempt fails at once, on any machine.
const NO_DOWNLOADS = {
  PRISMA_ENGINES_MIRROR: 'http://127.0.0.1:9',
  DBC_PRISMA_ENGINE_STUB: '',
  PRISMA_SCHEMA_ENGINE_BINARY: '',
};

const projects: string[] = [];
afterEach(() => {
  for (const dir of projects.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(options: { prisma: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), 'dbc-cli-generate-'));
  projects.push(dir);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'cli-generate', private: true, type: 'module' }),
  );
  mkdirSync(join(dir, 'prisma'));
  writeFileSync(join(dir, 'prisma', 'schema.prisma'), SCHEMA);
  if (options.prisma) {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(join(REPO, 'node_modules', 'prisma'), join(dir, 'node_modules', 'prisma'), 'dir');
  }
  return dir;
}

const STUB_LINE =
  'database-config: a stub schema engine stands in (no schema engine is installed under @prisma/engines): ' +
  'prisma generate never runs it, so nothing is downloaded (node_modules/.cache/database-config/schema-engine-stub)';

describe('database-config generate', { timeout: 120_000 }, () => {
  it('generates the client with a stub schema engine when none is installed, downloading nothing', async () => {
    const dir = project({ prisma: true });
    const result = await runCli(['generate', '--schema', 'prisma/schema.prisma'], {
      cwd: dir,
      env: NO_DOWNLOADS,
    });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stderr).toContain(STUB_LINE);
    expect(result.stdout).toContain('Generated Prisma Client');
    for (const file of ['client.ts', 'models.ts', 'models/Note.ts'])
      expect(existsSync(join(dir, 'prisma', 'generated', file)), file).toBe(true);
    expect(
      readFileSync(join(dir, 'node_modules', '.cache', 'database-config', 'schema-engine-stub'), 'utf8'),
    ).toMatch(/^#!\/bin\/sh\n/);
  });

  it("without the stub (DBC_PRISMA_ENGINE_STUB=false) prisma tries its download, and its exit code is the command's", async () => {
    const dir = project({ prisma: true });
    const result = await runCli(['generate'], {
      cwd: dir,
      env: { ...NO_DOWNLOADS, DBC_PRISMA_ENGINE_STUB: 'false' },
    });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain('127.0.0.1:9');
    expect(result.stderr).not.toContain('stub schema engine');
    expect(existsSync(join(dir, 'prisma', 'generated'))).toBe(false);
  });

  it('--offline uses the stub even with DBC_PRISMA_ENGINE_STUB=false, and passes --generator on', async () => {
    const dir = project({ prisma: true });
    const result = await runCli(['generate', '--offline', '--generator', 'client'], {
      cwd: dir,
      env: { ...NO_DOWNLOADS, DBC_PRISMA_ENGINE_STUB: 'false' },
    });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stderr).toContain('a stub schema engine stands in (--offline)');
    expect(existsSync(join(dir, 'prisma', 'generated', 'client.ts'))).toBe(true);

    const unknown = await runCli(['generate', '--generator', 'nope'], { cwd: dir, env: NO_DOWNLOADS });
    expect(unknown.code).not.toBe(0);
    expect(`${unknown.stdout}${unknown.stderr}`).toContain('nope');
  });

  it('without the prisma package says how to install it (exit code 1)', async () => {
    const dir = project({ prisma: false });
    const result = await runCli(['generate'], { cwd: dir, env: NO_DOWNLOADS });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `database-config generate: the prisma package is not installed in this project (looked for prisma/build/index.js from ${dir}).\n` +
        'Install it: npm install -D prisma\n',
    );
  });

  it('a DBC_PRISMA_ENGINE_STUB that is not a boolean fails naming it (exit code 1)', async () => {
    const dir = project({ prisma: true });
    const result = await runCli(['generate'], {
      cwd: dir,
      env: { ...NO_DOWNLOADS, DBC_PRISMA_ENGINE_STUB: 'yes' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DBC_PRISMA_ENGINE_STUB: "yes" is not a boolean; use true or false');
  });

  it('an option prisma generate has not, before --, is a usage error (exit code 2)', async () => {
    const dir = project({ prisma: true });
    const result = await runCli(['generate', '--sceham', 'x.prisma'], { cwd: dir, env: NO_DOWNLOADS });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^database-config generate: unknown option --sceham\n\nUsage: database-config generate/,
    );
  });
});
