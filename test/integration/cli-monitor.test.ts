import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../fixtures/cli-run.js';

// `database-config monitor` as a user runs it: its own process (the sources through tsx) against
// the integration stack's four stores, configured by the environment alone.

const ROOT = join(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'src/cli/main.ts');
const TSX = join(ROOT, 'node_modules/tsx/dist/esm/index.mjs');
const STORES = ['postgres', 'mongodb', 'redis', 'qdrant'] as const;

/** The environment of the four stores, with a PostgreSQL application name to find the monitor's connections by. */
function storesEnv(applicationName = `dbc-monitor-${randomUUID().slice(0, 8)}`): NodeJS.ProcessEnv {
  const stack = inject('stack');
  return {
    DATABASE_URL: stack.postgresUrl,
    POSTGRES_APPLICATION_NAME: applicationName,
    MONGODB_URI: stack.mongodbUri,
    REDIS_URL: stack.redisUrl,
    QDRANT_URL: stack.qdrantUrl,
  };
}

/** Only the stores of `env`: none of the parent's store variables leak into the child. */
function only(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of ['DATABASE_URL', 'MONGODB_URI', 'REDIS_URL', 'QDRANT_URL', 'POSTGRES_HOST'])
    delete base[name];
  return { ...base, ...env };
}

async function monitorConnections(applicationName: string): Promise<number> {
  const client = new pg.Client({ connectionString: inject('stack').postgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
      [applicationName],
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

/** Runs the live view until `samples` lines per store have come, then sends SIGINT. */
function runLive(env: NodeJS.ProcessEnv, args: string[], samples: number) {
  return new Promise<{
    code: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
    exitMs: number;
  }>((done) => {
    const child = spawn(process.execPath, ['--import', TSX, MAIN, 'monitor', ...args], {
      cwd: ROOT,
      env: only(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signalledAt = 0;
    const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += String(d);
      const lines = stdout.split('\n').filter((l) => l.includes(' redis ')).length;
      if (!signalledAt && lines >= samples) {
        signalledAt = performance.now();
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    child.once('close', (code, signal) => {
      clearTimeout(kill);
      done({ code, signal, stdout, stderr, exitMs: performance.now() - signalledAt });
    });
  });
}

describe('database-config monitor', () => {
  it('--once prints one line per configured store with its pool and health, and exits 0', async () => {
    const result = await runCli(['monitor', '--once'], { env: only(storesEnv()), timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(' ')[1])).toEqual([...STORES]);
    for (const line of lines) {
      expect(line).toMatch(
        /^\d{4}-\d\d-\d\dT[\d:.]+Z \w+ pool=\S+ waiting=\d+ ops\/s=[\d.]+ ops=\d+ errors=0 /,
      );
      expect(line).toMatch(/ health=up:[\d.]+ms circuit=closed target=/);
    }
    // The pools: PostgreSQL's pg pool and MongoDB's driver pool have a limit; Redis has its one connection.
    expect(lines[0]).toMatch(/pool=\d+\/\d+\/10 /);
    expect(lines[2]).toContain('pool=0/1/1 ');
    // The health check is one operation of the monitor's clients.
    for (const line of lines) expect(line).toContain(' ops=1 ');
  });

  it('--once --json prints the snapshot of every store', async () => {
    const result = await runCli(['monitor', '--once', '--json'], {
      env: only(storesEnv()),
      timeoutMs: 60_000,
    });
    expect(result.code, result.stderr).toBe(0);
    const sample = JSON.parse(result.stdout) as {
      takenAt: string;
      stores: Record<
        string,
        {
          health: { status: string };
          pool: { waiting: number };
          operations: { count: number };
          target: string;
        }
      >;
    };
    expect(Object.keys(sample.stores)).toEqual([...STORES]);
    for (const store of STORES) {
      expect(sample.stores[store]!.health.status).toBe('up');
      expect(sample.stores[store]!.pool.waiting).toBe(0);
      expect(sample.stores[store]!.operations.count).toBe(1);
    }
    expect(sample.stores.postgres!.target).toContain(':****@');
  });

  it('without a terminal prints plain lines, one sample per interval; SIGINT closes every connection and exits 0', async () => {
    const applicationName = `dbc-monitor-${randomUUID().slice(0, 8)}`;
    const result = await runLive(storesEnv(applicationName), ['--interval', '200'], 3);
    expect(result.stderr).toBe('');
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('\u001b[');
    const redis = result.stdout.split('\n').filter((l) => l.includes(' redis '));
    expect(redis.length).toBeGreaterThanOrEqual(3);
    const times = redis.map((l) => Date.parse(l.split(' ')[0]!));
    for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(150);
    // The count goes up by one health check per sample.
    expect(redis.map((l) => Number(/ ops=(\d+) /.exec(l)![1]))).toEqual(redis.map((_, i) => i + 1));
    // The process ended by itself (no handle left open) and the server has none of its connections.
    expect(await monitorConnections(applicationName)).toBe(0);
  });

  it('on a terminal redraws the table in place and shows the cursor again on SIGINT', async () => {
    const env = only(storesEnv());
    // The shell in the pseudo-terminal prints the CLI's pid (exec keeps it), to send it SIGINT.
    const command = `echo pid=$$; exec '${process.execPath}' --import '${TSX}' '${MAIN}' monitor --interval 200`;
    const { code, output } = await new Promise<{ code: number | null; output: string }>((done) => {
      const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
        cwd: ROOT,
        env: { ...env, COLUMNS: '200', LINES: '40' },
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      let output = '';
      let signalled = false;
      const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.stdout.on('data', (d: Buffer) => {
        output += String(d);
        const pid = Number(/pid=(\d+)/.exec(output)?.[1]);
        if (!signalled && pid && output.split('\u001b[0J').length > 3) {
          signalled = true;
          process.kill(pid, 'SIGINT');
        }
      });
      child.once('close', (code) => {
        clearTimeout(kill);
        done({ code, output });
      });
    });
    expect(code, output).toBe(0);
    const screen = output.slice(output.indexOf('\n') + 1);
    expect(screen.startsWith('\u001b[?25l'), screen).toBe(true);
    // Every frame after the first moves up over the previous one (header, blank, column names, 4 stores) and clears it.
    const redraws = screen.split('\u001b[7F\u001b[0J').length - 1;
    expect(redraws, screen).toBeGreaterThanOrEqual(3);
    expect(screen.trimEnd().endsWith('\u001b[?25h')).toBe(true);
    const lastFrame = screen.slice(screen.lastIndexOf('\u001b[0J'));
    expect(lastFrame).toMatch(/STORE +POOL +WAIT +OPS\/S +OPS +ERR +P50 +P99 +HEALTH +CIRCUIT +TARGET/);
    for (const store of STORES)
      expect(lastFrame).toMatch(
        new RegExp(`\\r\\n${store} +\\S+ +0 +[\\d.]+ +\\d+ +0 +[\\d.]+ms +[\\d.]+ms +up `),
      );
  });

  describe('errors', () => {
    let silent: Server;
    let silentPort = 0;
    const sockets = new Set<Socket>();
    beforeAll(async () => {
      // Accepts connections and never answers: a hung server.
      silent = createServer((socket) => {
        sockets.add(socket);
      });
      await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
      silentPort = (silent.address() as { port: number }).port;
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => silent.close(() => done()));
    });

    it('bad options are usage errors (exit 2) naming every problem', async () => {
      const result = await runCli(['monitor', '--interval', '5', '--timeout', 'soon'], {
        env: only(storesEnv()),
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        '--interval must be a whole number of milliseconds from 100 to 3600000 (got "5")',
      );
      expect(result.stderr).toContain(
        '--timeout must be a whole number of milliseconds from 100 to 600000 (got "soon")',
      );
      expect(result.stderr).toContain('Usage: database-config monitor');
      const unknown = await runCli(['monitor', '--refresh', '1']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('unknown option --refresh');
    });

    it('no store configured: exit 1 naming the variables to set', async () => {
      const result = await runCli(['monitor', '--once'], { env: only({}) });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('DATABASE_URL, MONGODB_URI, REDIS_URL, QDRANT_URL: none is set');
    });

    it('an unreachable and a hung store: exit 1 naming both with masked URLs, within the timeout', async () => {
      const result = await runCli(['monitor', '--once', '--timeout', '1500'], {
        env: only({
          REDIS_URL: `redis://:s3cret@127.0.0.1:${silentPort}`,
          DATABASE_URL: 'postgresql://app:hunter2@127.0.0.1:1/app',
          QDRANT_URL: inject('stack').qdrantUrl,
        }),
        // Killed (code null) if it hung: the clients' own timeouts are bounded by --timeout too.
        timeoutMs: 20_000,
      });
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toContain('2 stores could not be monitored');
      expect(result.stderr).toContain(
        'Could not connect to postgres at postgresql://app:****@127.0.0.1:1/app',
      );
      expect(result.stderr).toMatch(
        new RegExp(
          `redis at redis://:\\*\\*\\*\\*@127\\.0\\.0\\.1:${silentPort}.*(within 1500 ms|after \\d attempts)`,
        ),
      );
      expect(result.stderr).not.toMatch(/hunter2|s3cret/);
    });
  });
});
