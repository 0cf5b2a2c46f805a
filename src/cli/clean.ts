import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { containerRuntime } from '../containers/docker.js';
import { optionsHelp, parseCommandArgs, type OptionSpec } from './args.js';
import { usageError, type CommandResult } from './command.js';
import { listManagedContainers, REMOVABLE_KINDS, type ManagedContainer } from './managed-containers.js';
import { listReportFolders, QUIET_FOR_MS, type ReportFolder } from './report-folders.js';

const OPTIONS = {
  yes: { type: 'boolean', short: 'y', help: 'Remove without asking' },
  'dry-run': { type: 'boolean', short: 'n', help: 'Only list what would be removed' },
  run: {
    type: 'string',
    value: 'id',
    help: "Only that run's kept or orphaned containers and its report folder (reused ones have no run)",
  },
  help: { type: 'boolean', short: 'h', help: 'Show this help' },
} satisfies Record<string, OptionSpec>;

export const CLEAN_HELP = `Usage: database-config clean [--yes] [--dry-run] [--run <id>]

Removes, with their volumes, the containers of database-config on this Docker engine that no live
test run owns: kept (a failed test's data), reused (started with reuse; a run started with reuse
while this runs would lose them) and orphaned ones (see \`database-config status\`); never one
whose run's process is alive, nor one started from another host. Then removes the report folders
(<tmpdir>/database-config/reports/<run>) of runs that have no container left: at once for the runs whose
containers it removed, else once no process that wrote to it is alive and it has not changed for
${QUIET_FOR_MS / 60_000} minutes.
Asks before removing on a terminal; elsewhere --yes is needed.

${optionsHelp(OPTIONS)}`;

/** What `clean` removes, given everything on the engine and on this host. */
export function selectForClean(
  containers: ManagedContainer[],
  folders: ReportFolder[],
  run: string | undefined,
  now = Date.now(),
): { containers: ManagedContainer[]; folders: ReportFolder[] } {
  const targets = containers.filter(
    (c) => REMOVABLE_KINDS.includes(c.kind) && (run === undefined || c.runId === run),
  );
  const removedRuns = new Set(targets.map((c) => c.runId));
  const remainingRuns = new Set(containers.filter((c) => !targets.includes(c)).map((c) => c.runId));
  return {
    containers: targets,
    folders: folders.filter(
      (f) =>
        (run === undefined || f.runId === run) &&
        !remainingRuns.has(f.runId) &&
        (removedRuns.has(f.runId) || (!f.writerAlive && now - f.changedAt > QUIET_FOR_MS)),
    ),
  };
}

const describeContainer = (c: ManagedContainer) =>
  `container ${c.id.slice(0, 12)}  ${c.store}  ${c.kind}  ${c.image}${c.runId ? `  run ${c.runId}` : ''}`;

function listing(selection: { containers: ManagedContainer[]; folders: ReportFolder[] }): string {
  return [
    ...selection.containers.map((c) => `  ${describeContainer(c)}\n`),
    ...selection.folders.map((f) => `  report folder ${f.path}\n`),
  ].join('');
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(question);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** `database-config clean`. */
export async function clean(argv: string[]): Promise<CommandResult> {
  const parsed = parseCommandArgs(argv, OPTIONS);
  if (!parsed.ok) return usageError('clean', parsed.problem, CLEAN_HELP);
  if (parsed.values.help) return { exitCode: 0, stdout: `${CLEAN_HELP}\n` };
  if (parsed.rest.length > 0)
    return usageError('clean', `unexpected arguments after --: ${parsed.rest.join(' ')}`, CLEAN_HELP);
  const run = typeof parsed.values.run === 'string' ? parsed.values.run : undefined;
  const client = await containerRuntime();
  const selection = selectForClean(await listManagedContainers(client), listReportFolders(), run);
  const total = selection.containers.length + selection.folders.length;
  const what = `${count(selection.containers.length, 'container')} and ${count(selection.folders.length, 'report folder')}`;
  if (total === 0) return { exitCode: 0, stdout: 'Nothing to remove.\n' };
  if (parsed.values['dry-run'])
    return { exitCode: 0, stdout: `Would remove ${what}:\n${listing(selection)}` };
  if (!parsed.values.yes) {
    if (!process.stdin.isTTY) {
      return {
        exitCode: 1,
        stderr:
          `database-config clean: would remove ${what}:\n${listing(selection)}` +
          'Nothing removed: there is no terminal to confirm on (stdin is not a TTY). Pass --yes to remove them, or --dry-run to only list them.\n',
      };
    }
    process.stdout.write(`This removes ${what}:\n${listing(selection)}`);
    if (!(await confirm('Remove them? [y/N] ')))
      return { exitCode: 1, stdout: 'Aborted; nothing removed.\n' };
  }
  const lines: string[] = [];
  const failures: string[] = [];
  await Promise.all(
    selection.containers.map(async (c) => {
      try {
        await client.container.dockerode.getContainer(c.id).remove({ force: true, v: true });
        lines.push(`Removed ${describeContainer(c)}\n`);
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404)
          lines.push(`Already gone: ${describeContainer(c)}\n`);
        else failures.push(`could not remove ${describeContainer(c)}: ${(error as Error).message}`);
      }
    }),
  );
  for (const f of selection.folders) {
    try {
      rmSync(f.path, { recursive: true, force: true });
      lines.push(`Removed report folder ${f.path}\n`);
    } catch (error) {
      failures.push(`could not remove report folder ${f.path}: ${(error as Error).message}`);
    }
  }
  return {
    exitCode: failures.length > 0 ? 1 : 0,
    stdout: lines.join(''),
    ...(failures.length > 0
      ? {
          stderr: `database-config clean: ${failures.join('\n  ')}\nCheck \`docker info\` and the folder's permissions, then run again.\n`,
        }
      : {}),
  };
}
