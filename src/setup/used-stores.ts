// Which configured stores a run's selected test files can reach, read from their source (and the
// files they import relatively, a bounded walk), so the global setup starts only those. The scan
// is conservative: a word that may name a store counts (a false positive costs one container); a
// store it misses is started on a worker's first request (src/containers/on-demand-start.ts), so a
// miss costs only time.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import debug from 'debug';
import { ConfigValidationError, STORE_NAMES, type StoreName } from 'database-config/internal';

const log = debug('database-config:used-stores');

/** Which stores the global setup starts: those the selected files can reach, or every configured one. */
export type StartMode = 'used' | 'all';

/** Words that may reach a store in a test file or a module it imports (fixtures, factories, drivers, env). */
const STORE_WORDS: Record<StoreName, RegExp> = {
  postgres: /prisma|postgres|\bpg\b|DATABASE_URL/i,
  mongodb: /mongo/i,
  redis: /redis/i,
  qdrant: /qdrant/i,
};

/** Entries that connect every configured store at once. */
const ALL_STORES = /DatabaseManager|loadDatabaseConfig|DatabaseConfigModule|databaseConfig\(/;

/** How far the walk follows relative imports, and how many files it reads at most. */
const MAX_DEPTH = 4;
const MAX_FILES = 500;

const IMPORTS = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*)\1/g;
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** This library's own sources and build: the walk does not follow into them (they name every store). */
const LIBRARY_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));
const LIBRARY_DIRS = [resolve(LIBRARY_ROOT, 'src'), resolve(LIBRARY_ROOT, 'dist')];

/** The nearest folder up from `dir` with a package.json (src/setup/ here, dist/ once built). */
function packageRoot(dir: string): string {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(resolve(at, 'package.json'))) return at;
    if (dirname(at) === at) return dir;
  }
}

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
 * The stores of `configured` that `files` (absolute paths) and the files they import relatively
 * (not into node_modules or this library) name. Unreadable files count as naming every store.
 */
export function storesUsedBy(files: readonly string[], configured: readonly StoreName[]): Set<StoreName> {
  const used = new Set<StoreName>();
  const seen = new Set<string>();
  const queue = files.map((file) => ({ file: resolve(file), depth: 0 }));
  while (queue.length > 0 && used.size < configured.length) {
    const { file, depth } = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (seen.size > MAX_FILES) {
      log('more than %d files: counting every store', MAX_FILES);
      return new Set(configured);
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return new Set(configured);
    }
    const named = ALL_STORES.test(text) ? configured : configured.filter((s) => STORE_WORDS[s].test(text));
    for (const store of named) {
      if (!used.has(store)) log('%s names %s', file, store);
      used.add(store);
    }
    if (depth >= MAX_DEPTH) continue;
    for (const match of text.matchAll(IMPORTS)) {
      const target = resolveImport(dirname(file), match[2]!);
      if (target && !seen.has(target)) queue.push({ file: target, depth: depth + 1 });
    }
  }
  return used;
}

/** A relative import's file (`./x.js` may stand for `./x.ts`), unless it is this library's or missing. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(from, specifier);
  if (base.split(sep).includes('node_modules')) return undefined;
  if (LIBRARY_DIRS.some((dir) => !relative(dir, base).startsWith('..') && !isAbsolute(relative(dir, base))))
    return undefined;
  const ext = extname(base);
  const stem = EXTENSIONS.includes(ext) ? base.slice(0, -ext.length) : base;
  const candidates = [
    base,
    ...EXTENSIONS.map((e) => stem + e),
    ...EXTENSIONS.map((e) => resolve(base, `index${e}`)),
  ];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile());
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
