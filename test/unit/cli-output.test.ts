// What `status` prints (a table on a terminal, tab-separated lines otherwise) and what `clean`
// chooses to remove, on given containers and report folders (no engine: pure logic).
import { describe, expect, it } from 'vitest';
import { selectForClean } from '../../src/cli/clean.js';
import type { ContainerKind, ManagedContainer } from '../../src/cli/managed-containers.js';
import { QUIET_FOR_MS, type ReportFolder } from '../../src/cli/report-folders.js';
import { formatAge, formatContainers, formatTable } from '../../src/cli/status.js';

const container = (
  kind: ContainerKind,
  runId?: string,
  extra: Partial<ManagedContainer> = {},
): ManagedContainer => ({
  id: `${kind}0123456789abcdef`,
  name: `dbc-${kind}`,
  store: 'redis',
  image: 'redis:8',
  state: 'running',
  status: 'Up 5 minutes',
  createdAt: '2026-01-01T00:00:00Z',
  ageSeconds: 125,
  kind,
  ...(runId ? { runId } : {}),
  ...extra,
});

const folder = (runId: string, extra: Partial<ReportFolder> = {}): ReportFolder => ({
  runId,
  path: `/tmp/database-config/reports/${runId}`,
  changedAt: 0,
  writerAlive: false,
  ...extra,
});

describe('status output', () => {
  it('formats ages in the largest whole unit', () => {
    expect([0, 59, 60, 3599, 3600, 86_399, 86_400, 200_000].map(formatAge)).toEqual([
      '0s',
      '59s',
      '1m',
      '59m',
      '1h',
      '23h',
      '1d',
      '2d',
    ]);
  });

  it('aligns a table on the widest cell, the last column unpadded', () => {
    expect(
      formatTable(
        [
          ['a', 'long value', 'x'],
          ['bbbb', 'v', ''],
        ],
        ['H1', 'H2', 'H3'],
      ),
    ).toBe(['H1    H2          H3', 'a     long value  x', 'bbbb  v'].join('\n'));
  });

  it('on a terminal: a table with a header, or a sentence when there is nothing', () => {
    const running = container('running', 'run-1', { ownerPid: 4242, url: 'redis://localhost:1234' });
    const text = formatContainers([running, container('reused')], true);
    const [header, first, second] = text.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+STORE\s+KIND\s+IMAGE\s+STATE\s+AGE\s+RUN\s+PID\s+URL$/);
    expect(first!.split(/\s{2,}/)).toEqual([
      'running01234',
      'redis',
      'running',
      'redis:8',
      'running',
      '2m',
      'run-1',
      '4242',
      'redis://localhost:1234',
    ]);
    expect(second!.split(/\s{2,}/)).toEqual([
      'reused012345',
      'redis',
      'reused',
      'redis:8',
      'running',
      '2m',
      '-',
      '-',
      '-',
    ]);
    expect(formatContainers([], true)).toBe('No containers of database-config on this Docker engine.\n');
  });

  it('elsewhere: one tab-separated line per container, empty fields as "-", nothing at all when there is none', () => {
    expect(formatContainers([container('orphaned', 'run-2')], false)).toBe(
      'orphaned0123\tredis\torphaned\tredis:8\trunning\t2m\trun-2\t-\t-\n',
    );
    expect(formatContainers([], false)).toBe('');
  });
});

describe('selectForClean', () => {
  const now = 10 * QUIET_FOR_MS;
  const containers = [
    container('running', 'live'),
    container('other-host', 'far'),
    container('kept', 'failed'),
    container('orphaned', 'dead'),
    container('reused'),
  ];

  it('removes kept, orphaned and reused containers, never running or other-host ones', () => {
    const { containers: targets } = selectForClean(containers, [], undefined, now);
    expect(targets.map((c) => c.kind)).toEqual(['kept', 'orphaned', 'reused']);
  });

  it('removes the folders of the runs whose containers it removes, and quiet ones with no container, writer or recent change', () => {
    const folders = [
      folder('failed', { changedAt: now }),
      folder('live', { changedAt: 0 }),
      folder('quiet', { changedAt: now - QUIET_FOR_MS - 1 }),
      folder('recent', { changedAt: now - QUIET_FOR_MS + 1 }),
      folder('writing', { changedAt: 0, writerAlive: true }),
    ];
    expect(selectForClean(containers, folders, undefined, now).folders.map((f) => f.runId)).toEqual([
      'failed',
      'quiet',
    ]);
  });

  it('with --run, only that run: its containers and its folder, and no reused ones (they have no run)', () => {
    const folders = [folder('dead'), folder('quiet')];
    const selection = selectForClean(containers, folders, 'dead', now);
    expect(selection.containers.map((c) => c.runId)).toEqual(['dead']);
    expect(selection.folders.map((f) => f.runId)).toEqual(['dead']);
    expect(selectForClean(containers, folders, 'live', now)).toEqual({ containers: [], folders: [] });
  });

  it('a folder of a run that keeps a container is left, even when another container of that run goes', () => {
    const mixed = [container('kept', 'mixed'), container('running', 'mixed')];
    const selection = selectForClean(mixed, [folder('mixed')], undefined, now);
    expect(selection.containers.map((c) => c.kind)).toEqual(['kept']);
    expect(selection.folders).toEqual([]);
  });
});
