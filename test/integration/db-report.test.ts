import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatabaseRunReport } from '../../src/fixtures/db-report/run-report.js';

// The per-test database report through the real runners: `vitest run` (the sources) and `jest`
// (the built package) on small projects in test/fixtures whose tests do known numbers of
// operations, one of them an N+1 loop.
const root = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function run(
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      CI: 'true',
      DBC_QUIET: 'true',
      ...env,
    };
    delete childEnv.DBC_FIXTURES_CONFIG;
    delete childEnv.DBC_STACK;
    delete childEnv.DBC_REPORT;
    const child = execFile(process.execPath, args, { cwd, env: childEnv, timeout: 170_000 });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += String(d)));
    child.stderr!.on('data', (d: Buffer) => (output += String(d)));
    child.once('close', (code) => done({ code, output }));
  });
}

/** The report a run wrote, from the path it printed. */
function readReport(output: string, dir: string): { report: DatabaseRunReport; html: string } {
  const printed = /database-config: database report: (\S+\.html) \(JSON: (\S+\.json)\)/.exec(output);
  expect(printed, output).not.toBeNull();
  expect(printed![1]).toBe(join(dir, 'report.html'));
  expect(existsSync(printed![1]!)).toBe(true);
  return {
    report: JSON.parse(readFileSync(printed![2]!, 'utf8')) as DatabaseRunReport,
    html: readFileSync(printed![1]!, 'utf8'),
  };
}

/** What makes the page self-contained: nothing it would load from a server. */
function expectSelfContained(html: string) {
  expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
  expect(html).not.toMatch(/<script|<link|@import|url\(/i);
}

const reportDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbc-db-report-'));
  dirs.push(dir);
  return dir;
};

describe('the per-test database report', () => {
  it('Vitest: operations per store of each test, the N+1 with its statement, the reset cost, and an HTML page with a chart per store', async () => {
    const dir = reportDir();
    const project = join(root, 'test/fixtures/db-report-vitest');
    const { code, output } = await run(
      [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', project],
      project,
      { DBC_REPORT_DIR: dir },
    );
    expect(code, output).toBe(0);
    const { report, html } = readReport(output, dir);
    const n1 = report.tests.find((t) => t.name === 'loads each user on its own (N+1)')!;
    expect(n1, JSON.stringify(report.tests)).toBeDefined();
    // Exactly what the test ran: the fixtures' own statements (schema check, resets) are not counted.
    expect(n1.stores.postgres).toMatchObject({ count: 12, errors: 0 });
    expect(n1.stores.redis).toMatchObject({ count: 3, errors: 0 });
    expect(n1.stores.mongodb).toMatchObject({ count: 1, errors: 0 });
    expect(n1.stores.qdrant).toMatchObject({ count: 2, errors: 0 });
    expect(n1.count).toBe(18);
    expect(n1.timeMs).toBeGreaterThan(0);
    const one = report.tests.find((t) => t.name === 'reads one key')!;
    expect(one.stores).toEqual({ redis: { count: 1, errors: 0, timeMs: expect.any(Number) } });
    expect(report.tests.map((t) => t.name).sort()).toEqual([
      'an application’s monitor attaches to its own client with the report on',
      n1.name,
      'reads one key',
      'the client is watched only with the report on',
    ]);
    // Its own client's SET is the application's monitor's, not the report's.
    expect(report.tests.find((t) => t.name.startsWith('an application’s monitor'))!.stores).toEqual({});
    // Most database time first; a test with no operation is not among the slowest.
    expect(report.slowest.map((t) => t.name).sort()).toEqual([n1.name, 'reads one key']);
    expect(report.slowest[0]!.timeMs).toBeGreaterThanOrEqual(report.slowest[1]!.timeMs);
    expect(report.repeats).toEqual([
      {
        test: n1.name,
        store: 'postgres',
        statement: 'SELECT id, email FROM "User" WHERE id = ?',
        count: 12,
        timeMs: n1.stores.postgres!.timeMs,
      },
    ]);
    for (const store of ['postgres', 'mongodb', 'redis', 'qdrant'] as const)
      expect(report.stores[store]!.reset).toMatchObject({ count: 4 });
    expect(output).toContain(
      'database-config: N+1? "loads each user on its own (N+1)" ran 12× on postgres: SELECT id, email FROM "User" WHERE id = ?',
    );
    expect(output).toMatch(/database-config: reset postgres +4 tests/);
    expectSelfContained(html);
    for (const store of ['postgres', 'mongodb', 'redis', 'qdrant'])
      expect(html).toMatch(new RegExp(`<div class="chart" data-store="${store}"><h3>[^<]*</h3><svg `));
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).toContain('<code>SELECT id, email FROM &quot;User&quot; WHERE id = ?</code>');
  });

  it('Jest: the same report from the preset (the built package)', async () => {
    const dir = reportDir();
    const { code, output } = await run(
      ['node_modules/jest/bin/jest.js', '-c', 'test/fixtures/db-report-jest/jest.config.cjs'],
      root,
      { DBC_REPORT_DIR: dir },
    );
    expect(code, output).toBe(0);
    const { report, html } = readReport(output, dir);
    const n1 = report.tests.find((t) => t.name === 'reads each product from the cache on its own (N+1)')!;
    expect(n1, JSON.stringify(report.tests)).toBeDefined();
    expect(n1.stores.redis).toMatchObject({ count: 11, errors: 0 });
    expect(n1.stores.mongodb).toMatchObject({ count: 2, errors: 0 });
    expect(report.tests.find((t) => t.name === 'writes one key')!.stores).toEqual({
      redis: { count: 1, errors: 0, timeMs: expect.any(Number) },
    });
    // The second file's test too (a Jest worker closes its databases after each file).
    expect(report.tests.find((t) => t.name === 'reads two keys in one call')!.stores).toEqual({
      redis: { count: 1, errors: 0, timeMs: expect.any(Number) },
    });
    expect(report.tests).toHaveLength(3);
    expect(report.repeats).toEqual([
      { test: n1.name, store: 'redis', statement: 'GET (1 arg)', count: 11, timeMs: n1.stores.redis!.timeMs },
    ]);
    // Every test's reset, from both files, whether one worker process ran them or two.
    expect(report.stores.redis!.reset).toMatchObject({ count: 3 });
    expectSelfContained(html);
    expect(html.match(/<div class="chart" data-store="(\w+)">/g)).toEqual([
      '<div class="chart" data-store="mongodb">',
      '<div class="chart" data-store="redis">',
    ]);
  });

  it('with the report off, no monitor is attached and nothing is written', async () => {
    const dir = reportDir();
    const project = join(root, 'test/fixtures/db-report-vitest');
    const { code, output } = await run(
      [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', project],
      project,
      { DBC_REPORT_DIR: dir, DBC_REPORT_OFF: 'true' },
    );
    // The fixture project's last test checks that its client is not watched.
    expect(code, output).toBe(0);
    expect(output).toContain('4 passed');
    expect(output).not.toContain('database report:');
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
  });
});
