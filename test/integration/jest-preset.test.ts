import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';
import { getContainerRuntimeClient } from 'testcontainers';
import { describe, expect, it } from 'vitest';

// A user's Jest project in miniature (test/fixtures/jest-project) run as a child process against
// the built package: `preset: 'database-config-testing/jest'` and a database-fixtures.config.ts, nothing else.
const root = resolve(import.meta.dirname, '../..');

function runJest(config: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
    delete env.DBC_FIXTURES_CONFIG;
    delete env.DBC_STACK;
    execFile(
      process.execPath,
      ['node_modules/jest/bin/jest.js', '-c', config],
      { cwd: root, env },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, output: stdout + stderr }),
    );
  });
}

describe('the Jest preset in a user project', () => {
  it('a failed test prints its faker seed and keeps its data; the containers stay for inspection', async () => {
    const { code, output } = await runJest('test/fixtures/jest-project/jest.config.cjs');
    const kept = /docker rm -f ([0-9a-f ]+)\n/.exec(output)?.[1]?.trim().split(' ') ?? [];
    try {
      expect(code, output).toBe(1);
      expect(output).toMatch(/Tests:\s+1 failed, 1 passed, 2 total/);
      // The file uses no factories: no faker-seed line (it would only be noise).
      expect(output).not.toContain('Factory data of');
      expect(output).toContain('kept the data of "orders fail on purpose"');
      expect(output).not.toContain('kept the data of "passes"');
      const url = /postgres: psql '([^']*\/dbc_keep_orders_fail_on_purpose_\w+)'/.exec(output)?.[1];
      expect(url, output).toBeDefined();
      expect(new URL(url!).password).toBe('test');
      expect(output).toContain("(the container's own test credentials)");
      expect(kept).toHaveLength(1);
      // A container's own test credentials are printed (an external server's would be masked).
      const client = new pg.Client({
        connectionString: Object.assign(new URL(url!), { password: 'test' }).href,
      });
      await client.connect();
      const { rows } = await client.query('SELECT name FROM "Thing" ORDER BY name');
      await client.end();
      expect(rows.map((r: { name: string }) => r.name)).toEqual([
        'kept by the failure',
        'reference-a',
        'reference-b',
      ]);
    } finally {
      const runtime = await getContainerRuntimeClient();
      await Promise.all(
        kept.map((id) => runtime.container.dockerode.getContainer(id).remove({ force: true, v: true })),
      );
    }
  });
});
