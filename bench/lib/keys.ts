// Keys results.json always holds (null when the section that measures them failed or was skipped).
const stores = ['postgres', 'mongodb', 'redis', 'qdrant'];
const resetBases = [
  'postgres.transaction',
  'postgres.truncate',
  'postgres.fresh',
  'postgres.truncate_all',
  'postgres.delete_all',
  'postgres.restore_snapshot',
  'mongodb.clean',
  'mongodb.drop',
  'mongodb.drop_remigrate',
  'mongodb.delete_many_all',
  'redis.flushdb',
  'redis.flushall',
  'qdrant.delete_points',
  'qdrant.recreate',
  'all.transaction',
  'all.truncate',
  'all.naive',
];

export const SCALING_TABLES = [10, 50, 150] as const;
export const SCALING_COLLECTIONS = [5, 50] as const;
export const SCALING_STRATEGIES = ['transaction', 'truncate', 'fresh', 'truncate_all'] as const;

export const REQUIRED_KEYS: string[] = [
  ...resetBases.flatMap((b) => [`reset.${b}.p50_ms`, `reset.${b}.p99_ms`]),
  'worker_db.template_ms',
  'worker_db.migrate_ms',
  ...stores.map((s) => `start.${s}_ms`),
  'start.all_ms',
  'start.warm_ms',
  'suite.plugin_ms',
  'suite.naive_ms',
  'suite.floor_ms',
  'suite.overhead_share',
  'files.vitest.first_test_overhead_p50_ms',
  'files.vitest_shared.first_test_overhead_p50_ms',
  'files.jest.first_test_overhead_p50_ms',
  'peer.jest_prisma_ms',
  'peer.jest_ms',
  'peer.vitest_ms',
  'start.postgres_only_ms',
  'reset.qdrant.test_grade.p50_ms',
  'reset.all.floor_p50_ms',
  ...SCALING_STRATEGIES.flatMap((s) =>
    SCALING_TABLES.flatMap((t) => [`scaling.${s}.${t}.p50_ms`, `scaling.${s}.${t}.p99_ms`]),
  ),
  ...SCALING_COLLECTIONS.flatMap((c) => [
    `scaling.mongodb_clean.${c}.p50_ms`,
    `scaling.mongodb_clean.${c}.p99_ms`,
  ]),
  'memory.worker_rss_mb',
  ...stores.map((s) => `memory.container.${s}_mb`),
  ...stores.flatMap((s) =>
    ['unmonitored', 'monitored', 'monitored_all_callers'].flatMap((m) => [
      `monitor.${s}.${m}.p50_ms`,
      `monitor.${s}.${m}.p99_ms`,
    ]),
  ),
  'monitor.memory.heap_100k_ops_kb',
  'monitor.memory.heap_1m_ops_kb',
];
