// Environment of a benchmark run: the offline images (.env.offline), quiet library output, no
// external servers, the repetition counts and the paths of the example project.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadOfflineEnv } from '../../scripts/offline-env.mjs';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Folder of this benchmark. */
export const BENCH_DIR = join(ROOT, 'bench');

/** Identifies this benchmark run: in temp folder names, database names and container markers. */
export const RUN_ID = randomUUID().replaceAll('-', '').slice(0, 8);
/** Scratch folder of this run (generated migrations and suites), removed at the end. */
export const TMP_DIR = join(BENCH_DIR, `tmp-${RUN_ID}`);

/** `--quick` (or BENCH_QUICK=true): small repetition counts, for development. */
export const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === 'true';

/** Repetitions: `full` normally, `quick` with --quick. */
export const reps = (full: number, quick: number) => (QUICK ? quick : full);

/** Sections to run (`--only=reset,scaling`); all when absent. */
export function selectedSections(all: readonly string[]): string[] {
  const arg = process.argv.find((a) => a.startsWith('--only='));
  if (!arg) return [...all];
  const wanted = arg.slice('--only='.length).split(',').filter(Boolean);
  return all.filter((s) => wanted.includes(s));
}

/**
 * Loads .env.offline (local images, Ryuk off) and makes the run self-contained: containers only
 * (no external server URLs), nothing reused unless asked, no leak check, no kept data, no report lines.
 */
export function prepareEnv(): void {
  loadOfflineEnv();
  for (const store of ['POSTGRES', 'MONGODB', 'REDIS', 'QDRANT']) delete process.env[`DBC_${store}_URL`];
  delete process.env.DBC_REUSE;
  process.env.DBC_LEAK_CHECK = 'false';
  process.env.DBC_KEEP_ON_FAILURE = 'false';
  process.env.DBC_REPORT = 'false';
  process.env.DBC_QUIET = 'true';
}
