import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isAlive } from '../containers/docker.js';
import { reportDir } from '../fixtures/report-dir.js';

/**
 * How long a report folder of a run without containers must have been left alone before `clean`
 * removes it: a run on external servers (no containers) writes to its folder while it runs.
 */
export const QUIET_FOR_MS = 10 * 60_000;

/** A run's report folder on this host. */
export interface ReportFolder {
  runId: string;
  path: string;
  /** Newest change of the folder or a file in it. */
  changedAt: number;
  /** Whether a process that wrote to it (pids in its file names and markers) is alive. */
  writerAlive: boolean;
}

/** Pids a run's workers left in its folder: `kept-<worker>-<pid>-<time>.txt`, `w<worker>-<pid>.json`, `tests-w<worker>-<pid>.json`, `clean-*` markers hold one. */
function writerPids(path: string, files: string[]): number[] {
  return files.flatMap((file) => {
    const named = /^kept-\d+-(\d+)-\d+\.txt$/.exec(file) ?? /^(?:tests-)?w\d+-(\d+)\.json$/.exec(file);
    if (named) return [Number(named[1])];
    if (file.startsWith('clean-')) {
      const pid = Number(readFileSync(join(path, file), 'utf8').trim());
      return Number.isInteger(pid) && pid > 0 ? [pid] : [];
    }
    return [];
  });
}

/** The report folders of runs on this host. */
export function listReportFolders(): ReportFolder[] {
  const root = dirname(reportDir('x'));
  let runs: string[];
  try {
    runs = readdirSync(root);
  } catch {
    return [];
  }
  return runs.flatMap((runId) => {
    const path = reportDir(runId);
    try {
      const files = readdirSync(path);
      const changedAt = Math.max(
        statSync(path).mtimeMs,
        ...files.map((f) => statSync(join(path, f)).mtimeMs),
      );
      return [{ runId: basename(path), path, changedAt, writerAlive: writerPids(path, files).some(isAlive) }];
    } catch {
      return [];
    }
  });
}
