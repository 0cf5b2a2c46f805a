#!/usr/bin/env node
import { LIBRARY_VERSION } from 'database-config/internal';
import { clean, CLEAN_HELP } from './clean.js';
import { usageError, type CommandResult } from './command.js';
import { generate, GENERATE_HELP } from './generate.js';
import { monitor, MONITOR_HELP } from './monitor.js';
import { status, STATUS_HELP } from './status.js';

const COMMANDS: Record<
  string,
  { run: (argv: string[]) => Promise<CommandResult>; summary: string; help: string }
> = {
  generate: {
    run: generate,
    summary: "Run this project's prisma generate, offline too (a stub stands in for a missing schema engine)",
    help: GENERATE_HELP,
  },
  status: {
    run: status,
    summary: "List database-config's containers on this Docker engine with their kind and connection URL",
    help: STATUS_HELP,
  },
  monitor: {
    run: monitor,
    summary: "Show the configured stores' pools, operation rates, latency and health, refreshed live",
    help: MONITOR_HELP,
  },
  clean: {
    run: clean,
    summary: 'Remove kept, reused and orphaned containers and the report folders of finished runs',
    help: CLEAN_HELP,
  },
};

const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));

const MAIN_HELP = `Usage: database-config <command> [options]

The command-line tool of database-config's test side (run it with npx database-config ...).

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Options:
  -h, --help     Show this help; database-config <command> --help shows a command's
  -v, --version  Print the version

Exit codes: 0 done, 1 failed (the message says why), 2 wrong command line.`;

async function run(argv: string[]): Promise<CommandResult> {
  const [first, ...rest] = argv;
  if (first === undefined) return usageError(undefined, 'no command given', MAIN_HELP);
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    if (topic && COMMANDS[topic]) return { exitCode: 0, stdout: `${COMMANDS[topic].help}\n` };
    return { exitCode: 0, stdout: `${MAIN_HELP}\n` };
  }
  if (first === '--version' || first === '-v') return { exitCode: 0, stdout: `${LIBRARY_VERSION}\n` };
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) {
    const problem = first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`;
    return usageError(undefined, problem, MAIN_HELP);
  }
  try {
    return await command.run(rest);
  } catch (error) {
    // The library's errors say what failed and what to do; their stack is not for a shell user.
    const message = error instanceof Error ? error.message : String(error);
    return { exitCode: 1, stderr: `database-config ${first}: ${message}\n` };
  }
}

// No top-level await: the entry is built as CommonJS too.
void run(process.argv.slice(2)).then((result) => {
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
  if (result.signal) {
    // Ends by the same signal. A dependency's listener (signal-exit, loaded by testcontainers'
    // proper-lockfile) catches it and sends it again when it runs, but signal handles keep no event
    // loop alive: without the timer the process ended first, with exit code 0.
    process.kill(process.pid, result.signal);
    setTimeout(() => undefined, 5_000);
  }
});
