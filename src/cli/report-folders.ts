import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isAlive } from '../containers/container-labels.js';
import { reportDir, runFoldersRoot, writerPids } from '../containers/run-folder.js';

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

/** The report folders of runs on this host. */
export function listReportFolders(): ReportFolder[] {
  const root = runFoldersRoot();
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
