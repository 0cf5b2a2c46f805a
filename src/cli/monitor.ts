import { optionsHelp, parseCommandArgs, type OptionSpec } from './args.js';
import { usageError, type CommandResult } from './command.js';
import { openMonitorSource, type MonitorSource } from './monitor-source.js';
import { formatMonitorLines, formatMonitorTable, InPlaceScreen, type MonitorView } from './monitor-view.js';

const OPTIONS = {
  interval: { type: 'string', value: 'ms', help: 'Time between samples, from 100 to 3600000 (default 1000)' },
  once: { type: 'boolean', help: 'Print one sample and exit' },
  json: { type: 'boolean', help: 'Print each sample as one line of JSON (for scripts)' },
  timeout: {
    type: 'string',
    value: 'ms',
    help: 'Longest wait for the stores to connect, and for each health check, from 100 to 600000 (default 10000)',
  },
  help: { type: 'boolean', short: 'h', help: 'Show this help' },
} satisfies Record<string, OptionSpec>;

export const MONITOR_HELP = `Usage: database-config monitor [--interval <ms>] [--once] [--json] [--timeout <ms>]

Connects to the stores this environment configures (DATABASE_URL, MONGODB_URI, REDIS_URL, QDRANT_URL
and their other variables, as the library reads them) and shows, for each, its connection pool
(POOL in use/open/limit, WAIT callers waiting), the operations of the monitor's clients per second,
their latency (p50, p99), errors, health (one round trip per interval) and circuit breaker.
On a terminal a table redrawn in place; otherwise one line per store and sample (key=value fields).
Ctrl-C (SIGINT) or SIGTERM closes every connection and exits 0.

${optionsHelp(OPTIONS)}

Exit codes: 0 stopped or --once done, 1 a store could not be reached or no store is configured, 2 wrong command line.`;

type Options = { intervalMs: number; once: boolean; json: boolean; timeoutMs: number };

/** Every problem with the options, at once. */
function readOptions(values: Record<string, unknown>): { options?: Options; problems: string[] } {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(String(raw)) || n < min || n > max)
      problems.push(
        `--${name} must be a whole number of milliseconds from ${min} to ${max} (got "${String(raw)}")`,
      );
    return n;
  };
  const options = {
    intervalMs: int('interval', 1000, 100, 3_600_000),
    timeoutMs: int('timeout', 10_000, 100, 600_000),
    once: values.once === true,
    json: values.json === true,
  };
  if (options.once && values.interval !== undefined)
    problems.push('--once prints one sample: leave out --interval');
  return problems.length > 0 ? { problems } : { options, problems };
}

/** `database-config monitor`. */
export async function monitor(argv: string[]): Promise<CommandResult> {
  const parsed = parseCommandArgs(argv, OPTIONS);
  if (!parsed.ok) return usageError('monitor', parsed.problem, MONITOR_HELP);
  if (parsed.values.help) return { exitCode: 0, stdout: `${MONITOR_HELP}\n` };
  if (parsed.rest.length > 0)
    return usageError('monitor', `unexpected arguments after --: ${parsed.rest.join(' ')}`, MONITOR_HELP);
  const { options, problems } = readOptions(parsed.values);
  if (!options) return usageError('monitor', problems.join('; '), MONITOR_HELP);

  const stop = stopSignal();
  let source: MonitorSource | undefined;
  try {
    source = await openMonitorSource({
      timeoutMs: options.timeoutMs,
      intervalMs: options.intervalMs,
      stop: stop.signal,
    }).catch((error: unknown) => {
      if (stop.signal.aborted) return undefined;
      throw error;
    });
    if (!source) return { exitCode: 0 };
    if (options.once) {
      const view = await source.sample();
      return {
        exitCode: 0,
        stdout: options.json
          ? `${JSON.stringify(view.json)}\n`
          : print(view.view, options, process.stdout.isTTY === true),
      };
    }
    await live(source, options, stop.signal);
    return { exitCode: 0 };
  } finally {
    stop.dispose();
    await source?.close();
  }
}

function print(view: MonitorView, options: Options, tty: boolean): string {
  return tty ? `${formatMonitorTable(view, options.intervalMs)}\n` : formatMonitorLines(view);
}

/** Samples every interval until SIGINT or SIGTERM. */
async function live(source: MonitorSource, options: Options, stop: AbortSignal): Promise<void> {
  const tty = process.stdout.isTTY === true && !options.json;
  const screen = tty
    ? new InPlaceScreen(
        (t) => process.stdout.write(t),
        () => process.stdout.columns,
      )
    : undefined;
  try {
    while (!stop.aborted) {
      // A store that is slow to answer its health check does not hold up Ctrl-C (closing ends the check).
      const sample = await Promise.race([source.sample(), aborted(stop)]);
      if (!sample || stop.aborted) break;
      if (options.json) process.stdout.write(`${JSON.stringify(sample.json)}\n`);
      else if (screen) screen.draw(formatMonitorTable(sample.view, options.intervalMs));
      else process.stdout.write(formatMonitorLines(sample.view));
      await sleep(options.intervalMs, stop);
    }
  } finally {
    screen?.end();
  }
}

/** SIGINT and SIGTERM end the monitor (the connections are closed first) instead of the process. */
function stopSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Resolves (with nothing) once `stop` is aborted. */
function aborted(stop: AbortSignal): Promise<undefined> {
  return new Promise((done) => {
    if (stop.aborted) done(undefined);
    else stop.addEventListener('abort', () => done(undefined), { once: true });
  });
}

function sleep(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(finish, ms);
    stop.addEventListener('abort', finish, { once: true });
    function finish() {
      clearTimeout(timer);
      stop.removeEventListener('abort', finish);
      done();
    }
  });
}
