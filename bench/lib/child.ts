// Runs a test runner as a child process and reads its JSON report: Vitest's `--reporter=json` and
// Jest's `--json` write the same shape (testResults[].assertionResults[].duration per test).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ROOT } from './env.js';

/** One test file of a run: its tests' durations in declaration (and run) order. */
export interface FileReport {
  file: string;
  durations: number[];
  /** The runner's time for the whole file (endTime - startTime: setup files, module loading, tests). */
  ms: number;
}

export interface RunReport {
  /** Wall time from spawn to exit. */
  ms: number;
  files: FileReport[];
  passed: number;
}

interface JsonReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults: {
    name: string;
    message?: string;
    startTime?: number;
    endTime?: number;
    assertionResults: { status: string; duration?: number | null; failureMessages?: string[] }[];
  }[];
}

/**
 * Spawns `command args` in the repository root, waits for it (at most `timeoutMs`), writes its
 * output to `logFile` and reads the JSON report the runner wrote to `reportFile`. Rejects with the
 * output's tail when it fails or when fewer than `expectedTests` tests passed.
 */
export function runReported(options: {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  reportFile: string;
  logFile: string;
  expectedTests: number;
  timeoutMs?: number;
}): Promise<RunReport> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(options.command, options.args, {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs ?? 180_000);
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += String(d)));
    child.stderr.on('data', (d: Buffer) => (output += String(d)));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      writeFileSync(options.logFile, output);
      const tail = (n: number) => output.split('\n').slice(-n).join('\n');
      if (code !== 0) {
        // The JSON reporters keep failures out of the output: the first failure message, when there is one.
        const failure = existsSync(options.reportFile)
          ? (JSON.parse(readFileSync(options.reportFile, 'utf8')) as JsonReport).testResults
              .flatMap((f) => [
                f.message ?? '',
                ...f.assertionResults.flatMap((a) => a.failureMessages ?? []),
              ])
              .find(Boolean)
          : undefined;
        return reject(
          new Error(
            `${options.command} exited with ${code}:\n${tail(40)}${failure ? `\n${failure.slice(0, 2000)}` : ''}`,
          ),
        );
      }
      if (!existsSync(options.reportFile)) return reject(new Error(`no report written:\n${tail(20)}`));
      const report = JSON.parse(readFileSync(options.reportFile, 'utf8')) as JsonReport;
      if (report.numPassedTests < options.expectedTests || report.numFailedTests > 0)
        return reject(
          new Error(
            `expected ${options.expectedTests} passed tests, got ${report.numPassedTests} (${report.numFailedTests} failed):\n${tail(20)}`,
          ),
        );
      resolve({
        ms,
        passed: report.numPassedTests,
        files: report.testResults.map((f) => ({
          file: f.name,
          durations: f.assertionResults.map((a) => a.duration ?? Number.NaN),
          ms: (f.endTime ?? Number.NaN) - (f.startTime ?? Number.NaN),
        })),
      });
    });
  });
}

/** Node running Jest in ESM mode (the repository's own Jest setup), with the given config. */
export const jestArgs = (config: string, reportFile: string) => [
  '--experimental-vm-modules',
  '--disable-warning=ExperimentalWarning',
  'node_modules/jest/bin/jest.js',
  '-c',
  config,
  '--json',
  `--outputFile=${reportFile}`,
];

/** Node running `vitest run` with the given config and the JSON reporter. */
export const vitestArgs = (config: string, reportFile: string) => [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--config',
  config,
  '--reporter=json',
  `--outputFile=${reportFile}`,
];
