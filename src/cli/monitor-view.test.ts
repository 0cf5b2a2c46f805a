import { describe, expect, it } from 'vitest';
import {
  CLEAR_DOWN,
  formatMonitorLines,
  formatMonitorTable,
  HIDE_CURSOR,
  InPlaceScreen,
  linesUp,
  SHOW_CURSOR,
  type MonitorView,
} from './monitor-view.js';

const view: MonitorView = {
  at: new Date('2026-12-02T01:00:00.000Z'),
  stores: [
    {
      store: 'postgres',
      target: 'postgresql://app:****@db:5432/app',
      pool: { active: 1, open: 2, max: 10, waiting: 0 },
      opsPerSecond: 1,
      operations: 12,
      errors: 0,
      timeouts: 0,
      p50Ms: 0.42,
      p99Ms: 12.5,
      health: 'up',
      healthLatencyMs: 0.9,
      circuit: 'closed',
    },
    {
      store: 'redis',
      target: 'redis://****@cache:6379 (db 0)',
      pool: {},
      opsPerSecond: 0,
      operations: 0,
      errors: 3,
      timeouts: 2,
      health: 'down',
      healthError: 'connect ECONNREFUSED 127.0.0.1:6379',
      circuit: 'open',
    },
  ],
};

describe('the monitor’s view', () => {
  it('a table with a row per store and why a store is down under it', () => {
    const table = formatMonitorTable(view, 1000);
    const lines = table.split('\n');
    expect(lines[0]).toBe(
      'database-config monitor  2026-12-02T01:00:00.000Z  every 1000 ms  (Ctrl-C to stop)',
    );
    expect(lines[2]).toMatch(
      /^STORE\s+POOL\s+WAIT\s+OPS\/S\s+OPS\s+ERR\s+P50\s+P99\s+HEALTH\s+CIRCUIT\s+TARGET$/,
    );
    expect(lines[3]).toMatch(
      /^postgres\s+1\/2\/10\s+0\s+1\.0\s+12\s+0\s+0\.42ms\s+12\.5ms\s+up 0\.90ms\s+closed\s+postgresql:\/\/app:\*\*\*\*@db/,
    );
    expect(lines[4]).toMatch(/^redis\s+-\s+-\s+0\.0\s+0\s+3 \(2 t\/o\)\s+-\s+-\s+down\s+open/);
    expect(lines.at(-1)).toBe('redis: connect ECONNREFUSED 127.0.0.1:6379');
  });

  it('plain lines: one per store, key=value', () => {
    const lines = formatMonitorLines(view).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      '2026-12-02T01:00:00.000Z postgres pool=1/2/10 waiting=0 ops/s=1.0 ops=12 errors=0 timeouts=0 p50=0.42ms p99=12.5ms health=up:0.90ms circuit=closed target=postgresql://app:****@db:5432/app',
    );
    expect(lines[1]).toContain(' health=down circuit=open ');
    expect(lines[1]).toMatch(/error="connect ECONNREFUSED 127\.0\.0\.1:6379"$/);
  });

  it('redraws in place: hides the cursor, then moves up over the last frame and clears it', () => {
    let out = '';
    const screen = new InPlaceScreen(
      (t) => (out += t),
      () => 20,
    );
    screen.draw('a\nb');
    screen.draw('a much longer line than twenty\nc\nd');
    screen.end();
    expect(out).toBe(
      `${HIDE_CURSOR}a\nb\n${linesUp(2)}${CLEAR_DOWN}a much longer line \nc\nd\n${SHOW_CURSOR}`,
    );
  });
});
