// The printed table, the ratios and the targets (reported, never asserted).
import type { Results } from './results.js';
import { ratio } from './stats.js';

export interface Target {
  name: string;
  value: number;
  limit: string;
  met: boolean | null;
}

const fig = (r: Results, key: string) => r.figures[key] ?? undefined;
const MONITORED_STORES = ['postgres', 'mongodb', 'redis', 'qdrant'];

/** Ratios of figures from this run, and the targets they are held against. */
export function evaluate(r: Results): { ratios: Record<string, number>; targets: Target[] } {
  const maxSingle = Math.max(
    ...['postgres', 'mongodb', 'redis', 'qdrant'].map((s) => fig(r, `start.${s}_ms`) ?? Number.NaN),
  );
  const ratios: Record<string, number> = {
    'scaling.transaction.150_over_10': ratio(
      fig(r, 'scaling.transaction.150.p50_ms'),
      fig(r, 'scaling.transaction.10.p50_ms'),
    ),
    'scaling.truncate.150_over_10': ratio(
      fig(r, 'scaling.truncate.150.p50_ms'),
      fig(r, 'scaling.truncate.10.p50_ms'),
    ),
    'scaling.truncate_all.150_over_10': ratio(
      fig(r, 'scaling.truncate_all.150.p50_ms'),
      fig(r, 'scaling.truncate_all.10.p50_ms'),
    ),
    'scaling.mongodb_clean.50_over_5': ratio(
      fig(r, 'scaling.mongodb_clean.50.p50_ms'),
      fig(r, 'scaling.mongodb_clean.5.p50_ms'),
    ),
    'suite.plugin_over_floor': ratio(fig(r, 'suite.plugin_ms'), fig(r, 'suite.floor_ms')),
    'suite.naive_over_floor': ratio(fig(r, 'suite.naive_ms'), fig(r, 'suite.floor_ms')),
    'start.all_over_max_single': ratio(fig(r, 'start.all_ms'), maxSingle),
    'start.postgres_only_over_postgres_alone': ratio(
      fig(r, 'start.postgres_only_ms'),
      fig(r, 'start.postgres_only.postgres_config_ms'),
    ),
    'reset.all.transaction_over_floor': ratio(
      fig(r, 'reset.all.transaction.p50_ms'),
      fig(r, 'reset.all.floor_p50_ms'),
    ),
    'peer.jest_over_jest_prisma': fig(r, 'peer.jest_over_jest_prisma') ?? Number.NaN,
    'peer.vitest_over_jest_prisma': fig(r, 'peer.vitest_over_jest_prisma') ?? Number.NaN,
    'worker_db.migrate_over_template': ratio(fig(r, 'worker_db.migrate_ms'), fig(r, 'worker_db.template_ms')),
    'reset.all.naive_over_transaction': ratio(
      fig(r, 'reset.all.naive.p50_ms'),
      fig(r, 'reset.all.transaction.p50_ms'),
    ),
    'reset.postgres.truncate_all_over_transaction': ratio(
      fig(r, 'reset.postgres.truncate_all.p50_ms'),
      fig(r, 'reset.postgres.transaction.p50_ms'),
    ),
    'reset.postgres.restore_snapshot_over_transaction': ratio(
      fig(r, 'reset.postgres.restore_snapshot.p50_ms'),
      fig(r, 'reset.postgres.transaction.p50_ms'),
    ),
    'reset.mongodb.drop_remigrate_over_clean': ratio(
      fig(r, 'reset.mongodb.drop_remigrate.p50_ms'),
      fig(r, 'reset.mongodb.clean.p50_ms'),
    ),
    'reset.qdrant.recreate_over_delete_points': ratio(
      fig(r, 'reset.qdrant.recreate.p50_ms'),
      fig(r, 'reset.qdrant.delete_points.p50_ms'),
    ),
    ...Object.fromEntries(
      MONITORED_STORES.flatMap((s) =>
        (['p50', 'p99'] as const).map((q) => [
          `monitor.${s}.${q}_monitored_over_unmonitored`,
          ratio(fig(r, `monitor.${s}.monitored.${q}_ms`), fig(r, `monitor.${s}.unmonitored.${q}_ms`)),
        ]),
      ),
    ),
  };
  const target = (name: string, value: number | undefined, limit: number, op: '<' | '<='): Target => {
    const v = value ?? Number.NaN;
    return {
      name,
      value: v,
      limit: `${op} ${limit}`,
      met: Number.isFinite(v) ? (op === '<' ? v < limit : v <= limit) : null,
    };
  };
  const targets = [
    target('reset.all.transaction.p50_ms', fig(r, 'reset.all.transaction.p50_ms'), 2, '<'),
    target(
      'reset.all.transaction p50 / reset.all.floor_p50_ms',
      ratios['reset.all.transaction_over_floor'],
      1.2,
      '<=',
    ),
    target('reset.all.transaction.p99_ms', fig(r, 'reset.all.transaction.p99_ms'), 10, '<'),
    target('scaling.transaction 150/10 tables (p50)', ratios['scaling.transaction.150_over_10'], 1.2, '<='),
    target('suite.overhead_share (plugin-floor)/(naive-floor)', fig(r, 'suite.overhead_share'), 0.05, '<='),
    target('suite.plugin_ms / suite.floor_ms', ratios['suite.plugin_over_floor'], 1.2, '<='),
    target('start.all_ms / max(start.<store>_ms)', ratios['start.all_over_max_single'], 1.15, '<='),
    target(
      'start.postgres_only_ms / postgres-only config',
      ratios['start.postgres_only_over_postgres_alone'],
      1.1,
      '<=',
    ),
    ...['vitest', 'vitest_shared', 'jest'].map((v) =>
      target(
        `files.${v}.first_test_overhead_p50_ms`,
        fig(r, `files.${v}.first_test_overhead_p50_ms`),
        150,
        '<=',
      ),
    ),
    target('peer.jest_ms / peer.jest_prisma_ms', ratios['peer.jest_over_jest_prisma'], 1.0, '<='),
    target('peer.vitest_ms / peer.jest_prisma_ms', ratios['peer.vitest_over_jest_prisma'], 1.0, '<='),
    target('start.warm_ms', fig(r, 'start.warm_ms'), 500, '<'),
    target('worker_db.template_ms', fig(r, 'worker_db.template_ms'), 15, '<'),
    ...MONITORED_STORES.map((s) =>
      target(
        `monitor.${s} monitored / unmonitored (p50)`,
        ratios[`monitor.${s}.p50_monitored_over_unmonitored`],
        1.05,
        '<=',
      ),
    ),
  ];
  return { ratios, targets };
}

const num = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);

/** The table printed at the end: one line per figure with its n, median/p50, p99, min, max. */
export function formatTable(r: Results, evaluation: ReturnType<typeof evaluate>): string {
  const lines: string[] = [];
  const header = `${'figure'.padEnd(50)} ${'n'.padStart(5)} ${'p50/median'.padStart(11)} ${'p99'.padStart(9)} ${'min'.padStart(9)} ${'max'.padStart(9)}`;
  // Figures grouped by their first segment, groups in order of first appearance.
  const keys = Object.keys(r.figures);
  const order = [...new Set(keys.map((k) => k.split('.')[0]!))];
  const sorted = order.flatMap((top) => keys.filter((k) => k.split('.')[0] === top));
  let section = '';
  for (const key of sorted) {
    // Reset figures are printed once per base (p50 and p99 on one line).
    if (/\.p99_ms$/.test(key)) continue;
    const base = key.replace(/\.p50_ms$/, '');
    const s = r.stats[base] ?? r.stats[key];
    const top = key.split('.')[0]!;
    if (top !== section) {
      section = top;
      lines.push('', `== ${top} `.padEnd(header.length, '='), header);
    }
    if (!s) {
      lines.push(`${key.padEnd(50)} ${''.padStart(5)} ${num(r.figures[key]).padStart(11)}`);
      continue;
    }
    const label = key.endsWith('.p50_ms') ? `${base} (ms)` : key;
    const trend = (s as { trend?: number }).trend;
    lines.push(
      `${label.padEnd(50)} ${String(s.n).padStart(5)} ${num(s.p50).padStart(11)} ${(key.endsWith('.p50_ms') ? num(s.p99) : '').padStart(9)} ${num(s.min).padStart(9)} ${num(s.max).padStart(9)}${trend !== undefined && (trend > 1.5 || trend < 0.67) ? `  trend x${trend}` : ''}`,
    );
  }
  lines.push('', '== ratios (same run) '.padEnd(header.length, '='));
  for (const [name, value] of Object.entries(evaluation.ratios))
    lines.push(`${name.padEnd(50)} ${num(value, 3).padStart(11)}`);
  lines.push('', '== targets (reported, not asserted) '.padEnd(header.length, '='));
  for (const t of evaluation.targets) {
    const verdict = t.met === null ? 'n/a' : t.met ? 'MET' : 'MISSED';
    lines.push(`${t.name.padEnd(50)} ${num(t.value, 3).padStart(11)}  ${t.limit.padEnd(8)} ${verdict}`);
  }
  return lines.join('\n');
}
