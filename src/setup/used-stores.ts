// Which configured stores the global setup starts: those the run's selected test files can reach
// (storesUsedBy, fixtures/stores-named.ts), the others on a worker's first request
// (src/containers/on-demand-start.ts), so a miss costs only time.
import debug from 'debug';
import { ConfigValidationError, STORE_NAMES, type StoreName } from 'database-config/internal';
import { storesUsedBy } from '../fixtures/stores-named.js';

const log = debug('database-config:used-stores');

/** Which stores the global setup starts: those the selected files can reach, or every configured one. */
export type StartMode = 'used' | 'all';

/**
 * `fixtures.start`, else `DBC_START`, else `'used'`; with `reuse` every store starts (reused
 * containers outlive the run, so later runs attach to them at once).
 */
export function startMode(
  config: { start?: StartMode; reuse?: boolean },
  env: Record<string, string | undefined> = process.env,
): StartMode {
  if (config.start) return config.start;
  const value = env.DBC_START?.trim();
  if (value === undefined || value === '') return 'used';
  if (value === 'used' || value === 'all') return value;
  throw new ConfigValidationError([
    {
      store: 'options',
      source: 'DBC_START',
      problem: `must be 'used' or 'all', got '${value}'`,
      example: 'DBC_START=all',
    },
  ]);
}

/**
 * The stores to start later (on a worker's first request) instead of now: configured container
 * stores that `testFiles` cannot reach. None when the files are unknown or the mode is `'all'`.
 */
export function storesToDefer(
  candidates: readonly StoreName[],
  testFiles: readonly string[] | undefined,
  mode: StartMode,
): StoreName[] {
  if (mode === 'all' || testFiles === undefined || candidates.length === 0) return [];
  const used = storesUsedBy(testFiles, candidates);
  const deferred = STORE_NAMES.filter((s) => candidates.includes(s) && !used.has(s));
  log('%d file(s) reach %o; started on first request: %o', testFiles.length, [...used], deferred);
  return deferred;
}
