import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackEnv } from './helpers.js';

// A Nest app in a child process, as users run it: optional peers really missing (hidden from
// Node's resolver), the CommonJS build loaded with require(), and a signal with enableShutdownHooks().
const ROOT = join(import.meta.dirname, '../..');
const CHILDREN = join(ROOT, 'test/integration/children');
const TSX = join(ROOT, 'node_modules/tsx/dist/esm/index.mjs');

interface Child {
  lines: Record<string, unknown>[];
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Runs `args` with node, hiding `hide`; `whenReady` is called with the process at its first JSON line. */
function runNode(
  args: string[],
  hide: string[],
  whenReady?: (child: ReturnType<typeof spawn>) => void,
): Promise<Child> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', join(CHILDREN, 'hide-packages.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DBC_HIDE_PACKAGES: hide.join(','), DBC_STACK_ENV: JSON.stringify(stackEnv()) },
    });
    let output = '';
    const lines: Record<string, unknown>[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`node ${args.join(' ')} did not end within 60 s:\n${output}`));
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const complete = output.split('\n').slice(0, -1);
      while (lines.length < complete.length) {
        lines.push(JSON.parse(complete[lines.length]!) as Record<string, unknown>);
        if (lines.length === 1) whenReady?.(child);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      done({ lines, code, signal, output });
    });
  });
}

describe('a Nest app in a child process', () => {
  it('without @nestjs/terminus: the app works, DatabaseHealthModule.forRoot() rejects with the install command', async () => {
    const result = await runNode(
      ['--import', TSX, join(CHILDREN, 'nest-app.ts'), 'no-terminus'],
      ['@nestjs/terminus'],
    );
    expect(result.lines, result.output).toEqual([
      { ok: true, step: 'redis', pong: 'PONG' },
      {
        ok: false,
        name: 'MissingPeerDependencyError',
        message:
          'DatabaseHealthModule (the @nestjs/terminus health indicators) needs the package "@nestjs/terminus", which is not installed: run npm install @nestjs/terminus',
      },
    ]);
    expect(result.code).toBe(0);
  });

  it("without @nestjs/terminus: DatabaseHealthModule.forRoot() in a module's imports fails the bootstrap, not the process", async () => {
    // forRoot() runs when the module is decorated, well before the bootstrap awaits its promise.
    const result = await runNode(
      ['--import', TSX, join(CHILDREN, 'nest-app.ts'), 'no-terminus-imported'],
      ['@nestjs/terminus'],
    );
    expect(result.lines, result.output).toEqual([
      {
        ok: false,
        name: 'MissingPeerDependencyError',
        message: expect.stringContaining('which is not installed: run npm install @nestjs/terminus'),
      },
    ]);
    expect(result.code, result.output).toBe(0);
  });

  it('without @nestjs/mongoose: mongooseConnection fails the bootstrap with the install command, closing MongoDB', async () => {
    const result = await runNode(
      ['--import', TSX, join(CHILDREN, 'nest-app.ts'), 'no-nest-mongoose'],
      ['@nestjs/mongoose'],
    );
    expect(result.lines, result.output).toEqual([
      {
        ok: false,
        name: 'MissingPeerDependencyError',
        message: expect.stringContaining(
          'needs the package "@nestjs/mongoose", which is not installed: run npm install @nestjs/mongoose',
        ),
      },
    ]);
    // It ends by itself: the MongoDB connection opened before the failure was closed.
    expect(result.code).toBe(0);
  });

  it('SIGTERM with enableShutdownHooks(): the stores are closed before the process ends by the signal', async () => {
    const result = await runNode(['--import', TSX, join(CHILDREN, 'nest-app.ts'), 'signal'], [], (child) =>
      child.kill('SIGTERM'),
    );
    expect(result.lines, result.output).toEqual([
      { ok: true, step: 'ready', pong: 'PONG' },
      { step: 'shutdown', signal: 'SIGTERM' },
      { step: 'closed', redis: expect.stringContaining('read while the manager is closed') },
    ]);
    expect(result.signal).toBe('SIGTERM');
  });

  it("the CommonJS build: require('database-config/nestjs') in a plain CommonJS app, terminus missing", async () => {
    const built = join(ROOT, 'packages/database-config/dist/nestjs.cjs');
    expect(existsSync(built), `${built} is missing: run \`npm run build\` first`).toBe(true);
    const result = await runNode([join(CHILDREN, 'nest-app.cjs')], ['@nestjs/terminus']);
    expect(result.lines, result.output).toEqual([
      { ok: true, step: 'redis', pong: 'PONG', shared: true },
      {
        ok: false,
        name: 'MissingPeerDependencyError',
        instance: true,
        message: expect.stringContaining('npm install @nestjs/terminus'),
      },
    ]);
  });

  it("Jest's CommonJS mode (no transform) requires the built package, every provider resolving without decorator metadata; Nest 12 itself needs --experimental-vm-modules there", async () => {
    const result = await runNode(
      [
        '--experimental-vm-modules',
        '--disable-warning=ExperimentalWarning',
        join(ROOT, 'node_modules/jest/bin/jest.js'),
        '-c',
        join(CHILDREN, 'nest-jest/jest.config.cjs'),
      ],
      [],
    );
    expect(result.output).toMatch(/Tests:\s+3 passed, 3 total/);
    expect(result.code, result.output).toBe(0);
  });
});
