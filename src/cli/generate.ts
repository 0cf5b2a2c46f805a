import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { envFlag } from 'database-config/internal';
import { optionsHelp, parseCommandArgs, type OptionSpec } from './args.js';
import { usageError, type CommandResult } from './command.js';

const OPTIONS = {
  offline: {
    type: 'boolean',
    help: 'Always use the stub schema engine (also DBC_PRISMA_ENGINE_STUB=true)',
  },
  schema: { type: 'string', value: 'path', help: 'Passed to prisma generate: the schema file' },
  config: { type: 'string', value: 'path', help: 'Passed to prisma generate: the Prisma config file' },
  generator: {
    type: 'string',
    value: 'name',
    multiple: true,
    help: 'Passed to prisma generate: a generator to run (repeatable)',
  },
  sql: { type: 'boolean', help: 'Passed to prisma generate: the typed SQL module' },
  'no-hints': { type: 'boolean', help: 'Passed to prisma generate: no hint messages' },
  'require-models': { type: 'boolean', help: 'Passed to prisma generate: fail without models' },
  help: { type: 'boolean', short: 'h', help: 'Show this help' },
} satisfies Record<string, OptionSpec>;

export const GENERATE_HELP = `Usage: database-config generate [options] [-- <more prisma generate arguments>]

Runs this project's own \`prisma generate\` (the prisma package in node_modules), also on a machine
with no internet. Any prisma command first downloads Prisma's schema engine, which generation never
runs; when that engine is not installed, a stub file stands in for it, so nothing is downloaded:
  - PRISMA_SCHEMA_ENGINE_BINARY set: used as it is;
  - --offline or DBC_PRISMA_ENGINE_STUB=true: the stub;
  - DBC_PRISMA_ENGINE_STUB=false: prisma's own behaviour (it downloads the engine when missing);
  - otherwise: the stub when no schema-engine binary is under @prisma/engines.
The stub is node_modules/.cache/database-config/schema-engine-stub; it exits 1 if anything runs it
(\`prisma migrate\` and \`db\` commands need the real engine). Exits with prisma's exit code.

${optionsHelp(OPTIONS)}`;

const STUB =
  '#!/bin/sh\necho "database-config: this is a stub schema engine; prisma generate does not need one, other prisma commands do: install the real engine (PRISMA_SCHEMA_ENGINE_BINARY)" >&2\nexit 1\n';

/** The prisma CLI of the project in `cwd`: its entry script and the node_modules folder holding it. */
function findPrisma(cwd: string): { cli: string; nodeModules: string; packageDir: string } | undefined {
  const require = createRequire(join(cwd, 'package.json'));
  try {
    const cli = require.resolve('prisma/build/index.js');
    const packageDir = dirname(dirname(cli));
    return { cli, packageDir, nodeModules: dirname(packageDir) };
  } catch {
    return undefined;
  }
}

/** The nearest folder from `cwd` up that holds a package.json: the project, whose node_modules/.cache is ours. */
function projectRoot(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Whether Prisma's schema engine binary is installed (under @prisma/engines, next to the prisma package). */
function schemaEngineInstalled(prismaPackageDir: string): boolean {
  let enginesDir: string;
  try {
    enginesDir = dirname(
      createRequire(join(prismaPackageDir, 'package.json')).resolve('@prisma/engines/package.json'),
    );
  } catch {
    return false;
  }
  return readdirSync(enginesDir).some((f) => f.startsWith('schema-engine'));
}

/** Why the stub is used, or undefined to let prisma find (or download) its engine. */
function stubReason(offline: boolean, prismaPackageDir: string): string | undefined {
  if (process.env.PRISMA_SCHEMA_ENGINE_BINARY?.trim()) return undefined;
  if (offline) return '--offline';
  const flag = envFlag('DBC_PRISMA_ENGINE_STUB');
  if (flag === true) return 'DBC_PRISMA_ENGINE_STUB=true';
  if (flag === false) return undefined;
  return schemaEngineInstalled(prismaPackageDir)
    ? undefined
    : 'no schema engine is installed under @prisma/engines';
}

/** The prisma generate arguments the options stand for, in order, then those after `--`. */
function prismaArgs(values: Record<string, unknown>, rest: string[]): string[] {
  const args = ['generate'];
  if (typeof values.schema === 'string') args.push('--schema', values.schema);
  if (typeof values.config === 'string') args.push('--config', values.config);
  for (const generator of (values.generator as string[] | undefined) ?? [])
    args.push('--generator', generator);
  for (const flag of ['sql', 'no-hints', 'require-models']) if (values[flag] === true) args.push(`--${flag}`);
  return [...args, ...rest];
}

/** `database-config generate`: the project's `prisma generate`, with a stub engine where the real one is missing. */
export async function generate(argv: string[]): Promise<CommandResult> {
  const parsed = parseCommandArgs(argv, OPTIONS);
  if (!parsed.ok) return usageError('generate', parsed.problem, GENERATE_HELP);
  if (parsed.values.help) return { exitCode: 0, stdout: `${GENERATE_HELP}\n` };
  const cwd = process.cwd();
  const prisma = findPrisma(cwd);
  if (!prisma) {
    return {
      exitCode: 1,
      stderr:
        `database-config generate: the prisma package is not installed in this project (looked for prisma/build/index.js from ${cwd}).\n` +
        'Install it: npm install -D prisma\n',
    };
  }
  const env = { ...process.env };
  const reason = stubReason(parsed.values.offline === true, prisma.packageDir);
  if (reason) {
    const dir = join(
      projectRoot(cwd) ?? dirname(prisma.nodeModules),
      'node_modules',
      '.cache',
      'database-config',
    );
    const stub = join(dir, 'schema-engine-stub');
    if (!existsSync(stub)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(stub, STUB, { mode: 0o755 });
    }
    env.PRISMA_SCHEMA_ENGINE_BINARY = resolve(stub);
    process.stderr.write(
      `database-config: a stub schema engine stands in (${reason}): prisma generate never runs it, so nothing is downloaded (${relative(cwd, stub) || stub})\n`,
    );
  }
  const args = prismaArgs(parsed.values, parsed.rest);
  const child = spawn(process.execPath, [prisma.cli, ...args], { stdio: 'inherit', env });
  // A signal to this process goes on to prisma (a terminal's Ctrl-C reaches both); this process waits for its end.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  try {
    return await new Promise<CommandResult>((done) => {
      child.once('error', (error) =>
        done({
          exitCode: 1,
          stderr: `database-config generate: could not run ${prisma.cli}: ${error.message}\n`,
        }),
      );
      child.once('exit', (code, signal) => done({ exitCode: code ?? 1, signal: signal ?? undefined }));
    });
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
}
