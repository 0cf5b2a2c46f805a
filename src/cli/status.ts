import { containerRuntime } from '../containers/docker.js';
import { optionsHelp, parseCommandArgs, type OptionSpec } from './args.js';
import { usageError, type CommandResult } from './command.js';
import { listManagedContainers, type ManagedContainer } from './managed-containers.js';

const OPTIONS = {
  json: { type: 'boolean', help: 'Print a JSON array (for scripts)' },
  help: { type: 'boolean', short: 'h', help: 'Show this help' },
} satisfies Record<string, OptionSpec>;

export const STATUS_HELP = `Usage: database-config status [--json]

Lists the containers database-config started on this Docker engine (label database-config.managed=true),
oldest first, with what each is:
  running     its test run's process is alive (run id and pid shown)
  reused      started with reuse (DBC_REUSE=true or fixtures reuse): kept for the next run
  kept        its run is gone and kept a failed test's data (DBC_KEEP_ON_FAILURE)
  orphaned    its run is gone and nothing was kept (the next run's start removes it)
  other-host  started from another host; not checked from here
and its connection URL on this host, with the container's throwaway test credentials.
On a terminal a table; otherwise one tab-separated line per container, in the columns
ID STORE KIND IMAGE STATE AGE RUN PID URL (an empty field is "-").

${optionsHelp(OPTIONS)}`;

/** "45s", "12m", "3h", "2d". */
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

const COLUMNS = ['ID', 'STORE', 'KIND', 'IMAGE', 'STATE', 'AGE', 'RUN', 'PID', 'URL'] as const;

function row(c: ManagedContainer): string[] {
  return [
    c.id.slice(0, 12),
    c.store,
    c.kind,
    c.image,
    c.state,
    formatAge(c.ageSeconds),
    c.runId ?? '-',
    c.ownerPid === undefined ? '-' : String(c.ownerPid),
    c.url ?? '-',
  ];
}

/** An aligned table with a header, for a terminal. */
export function formatTable(rows: string[][], header: readonly string[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** The containers as `status` prints them: a table on a terminal, tab-separated lines otherwise. */
export function formatContainers(containers: ManagedContainer[], tty: boolean): string {
  if (containers.length === 0) return tty ? 'No containers of database-config on this Docker engine.\n' : '';
  const rows = containers.map(row);
  if (!tty) return rows.map((r) => `${r.join('\t')}\n`).join('');
  return `${formatTable(rows, COLUMNS)}\n`;
}

/** `database-config status`. */
export async function status(argv: string[]): Promise<CommandResult> {
  const parsed = parseCommandArgs(argv, OPTIONS);
  if (!parsed.ok) return usageError('status', parsed.problem, STATUS_HELP);
  if (parsed.values.help) return { exitCode: 0, stdout: `${STATUS_HELP}\n` };
  if (parsed.rest.length > 0)
    return usageError('status', `unexpected arguments after --: ${parsed.rest.join(' ')}`, STATUS_HELP);
  const containers = await listManagedContainers(await containerRuntime());
  if (parsed.values.json) return { exitCode: 0, stdout: `${JSON.stringify(containers, null, 2)}\n` };
  return { exitCode: 0, stdout: formatContainers(containers, process.stdout.isTTY === true) };
}
