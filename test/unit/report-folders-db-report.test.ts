import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listReportFolders } from '../../src/cli/report-folders.js';
import { reportDir } from '../../src/containers/run-folder.js';

// `clean` must not take a run's folder while the worker that writes its database report lives.
describe('report folders with a database report file only', () => {
  const runId = `unit-${process.pid}-${Date.now()}`;
  afterEach(() => rmSync(reportDir(runId), { recursive: true, force: true }));

  it('the pid in tests-w<worker>-<pid>.jsonl counts as a writer', () => {
    mkdirSync(reportDir(runId), { recursive: true });
    writeFileSync(join(reportDir(runId), `tests-w1-${process.pid}.jsonl`), '[]\n');
    expect(listReportFolders().find((f) => f.runId === runId)).toMatchObject({ writerAlive: true });
  });
});
