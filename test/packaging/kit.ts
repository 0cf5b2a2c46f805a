// Helpers of the packaging suite: run a command as a user's shell would, pack the two packages,
// install them into fresh projects, measure what the installs and the entry points cost.
import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** The repository root (the testing package); the production package is in packages/database-config. */
export const ROOT = resolve(import.meta.dirname, '../..');
/** The fixture projects' files, copied into the temporary projects. */
export const PROJECTS = join(import.meta.dirname, 'projects');

/** What a command ended with. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Both streams, for assertion messages. */
  output: string;
  ms: number;
}

/**
 * The environment of a child: this process's, without what the runner running this suite set
 * (Vitest's worker variables, the outer `npm run`'s package and lifecycle variables), so the child
 * behaves as in a user's shell. The image overrides (DBC_*_IMAGE) and TESTCONTAINERS_RYUK_DISABLED
 * pass through.
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...extra };
  for (const key of Object.keys(env)) {
    if (
      /^(VITEST|VITE_|JEST_|npm_package_|npm_lifecycle_)/.test(key) ||
      [
        'TEST',
        'NODE_ENV',
        'NODE_OPTIONS',
        'INIT_CWD',
        'npm_command',
        'npm_config_local_prefix',
        'npm_config_call',
        'DBC_FIXTURES_CONFIG',
        'DBC_STACK',
      ].includes(key)
    )
      delete env[key];
  }
  return env;
}

/**
 * Runs `command args` in `cwd` in its own process group (killed whole after `timeoutMs`), stdin
 * closed, output collected.
 */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? userEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      output += chunk;
    });
    const timeoutMs = options.timeoutMs ?? 180_000;
    const timer = setTimeout(() => {
      output += `\n[killed: ${command} ${args.join(' ')} ran past ${timeoutMs} ms]\n`;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      fail(new Error(`could not run ${command} in ${options.cwd}: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, output, ms: Math.round(performance.now() - started) });
    });
  });
}

/** Output that says the registry connection failed (worth one retry), not the install itself. */
const NETWORK_ERROR =
  /ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|ECONNREFUSED|socket hang up|network|certificate|CERT_|SELF_SIGNED|UNABLE_TO_VERIFY/i;

/**
 * A fresh project in `dir`: `package.json` with `manifest`, then `npm install --no-audit --no-fund
 * <specs>` as a user runs it (the registry and the local npm cache; retried once when the registry
 * connection fails). Throws with npm's output when the install fails.
 */
export async function installProject(
  dir: string,
  manifest: Record<string, unknown>,
  specs: string[],
): Promise<RunResult> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ private: true, ...manifest }, null, 2));
  const args = ['install', '--no-audit', '--no-fund', '--prefer-offline', ...specs];
  let result = await run('npm', args, { cwd: dir, timeoutMs: 300_000 });
  if (result.code !== 0 && NETWORK_ERROR.test(result.output)) {
    process.stderr.write(`packaging: npm install in ${dir} failed on the network, retrying once\n`);
    result = await run('npm', args, { cwd: dir, timeoutMs: 300_000 });
  }
  if (result.code !== 0)
    throw new Error(`npm install ${specs.join(' ')} in ${dir} exited ${result.code}:\n${result.output}`);
  return result;
}

/**
 * Another project sharing `base`'s installed tree: its own folder and package.json (`manifest`),
 * `base/node_modules` hard-linked (a copy that costs no install and no disk), and the contents of
 * the fixture folders `templates` (under test/packaging/projects) copied in.
 */
export async function projectFrom(
  base: string,
  dir: string,
  manifest: Record<string, unknown>,
  templates: string[],
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const linked = await run('cp', ['-al', join(base, 'node_modules'), join(dir, 'node_modules')], {
    cwd: dir,
  });
  if (linked.code !== 0) throw new Error(`cp -al of ${base}/node_modules failed:\n${linked.output}`);
  const baseManifest = JSON.parse(await readFile(join(base, 'package.json'), 'utf8')) as object;
  await writeFile(join(dir, 'package.json'), JSON.stringify({ ...baseManifest, ...manifest }, null, 2));
  for (const template of templates) await cp(join(PROJECTS, template), dir, { recursive: true });
  return dir;
}

/**
 * The package names installed in a project, one per installed copy: the entries of npm's hidden
 * lockfile (node_modules/.package-lock.json), which lists what is on disk (package-lock.json also
 * lists other platforms' optional packages).
 */
export async function installedPackages(dir: string): Promise<string[]> {
  const lock = JSON.parse(await readFile(join(dir, 'node_modules/.package-lock.json'), 'utf8')) as {
    packages: Record<string, { link?: boolean }>;
  };
  return Object.keys(lock.packages)
    .filter((path) => path !== '')
    .map((path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
}

/** Bytes on disk under `dir` (files' sizes, symlinks not followed), without the folders in `skip`. */
export async function treeBytes(dir: string, skip: string[] = []): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (skip.some((folder) => entry.parentPath === folder || entry.parentPath.startsWith(`${folder}/`)))
      continue;
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/**
 * What installing the package at `node_modules/<name>` brings, as installed in `dir`: the package
 * and every package it depends on, transitively (dependencies, the installed optional ones, and
 * the non-optional peers npm installs), resolved as Node does (nested folders first), from npm's
 * hidden lockfile. Its count and bytes on disk.
 */
export async function dependencyClosure(
  dir: string,
  name: string,
): Promise<{ names: string[]; bytes: number }> {
  const lock = JSON.parse(await readFile(join(dir, 'node_modules/.package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const locate = (from: string, dependency: string): string | undefined => {
    for (let base = from; ;) {
      const candidate = `${base ? `${base}/` : ''}node_modules/${dependency}`;
      if (lock.packages[candidate]) return candidate;
      if (!base) return undefined;
      const parent = base.lastIndexOf('/node_modules/');
      base = parent < 0 ? '' : base.slice(0, parent);
    }
  };
  const seen = new Set<string>();
  const queue = [`node_modules/${name}`];
  while (queue.length > 0) {
    const path = queue.pop()!;
    if (seen.has(path) || !lock.packages[path]) continue;
    seen.add(path);
    const entry = lock.packages[path];
    const peers = Object.keys(entry.peerDependencies ?? {}).filter(
      (peer) => !entry.peerDependenciesMeta?.[peer]?.optional,
    );
    for (const dependency of [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...peers,
    ]) {
      const found = locate(path, dependency);
      if (found) queue.push(found);
    }
  }
  let bytes = 0;
  for (const path of seen) bytes += await treeBytes(join(dir, path), [join(dir, path, 'node_modules')]);
  const names = [...seen].map((path) =>
    path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length),
  );
  return { names, bytes };
}

/** One entry point's load in a new Node process of the installed project. */
export interface LoadTime {
  specifier: string;
  format: 'cjs' | 'esm';
  /** Milliseconds of the `require()` or `import()` alone, or the error's first line. */
  result: number | string;
}

/**
 * How long `require(specifier)` (cjs) or `await import(specifier)` (esm) takes in a new Node
 * process in `dir` (the module's own load, not Node's start-up). Rough: one run each.
 */
export async function loadTime(dir: string, specifier: string, format: 'cjs' | 'esm'): Promise<LoadTime> {
  const load =
    format === 'cjs' ? `require(${JSON.stringify(specifier)})` : `await import(${JSON.stringify(specifier)})`;
  const script = `const t = performance.now(); ${load}; console.log(JSON.stringify(performance.now() - t));`;
  const args = format === 'cjs' ? ['-e', script] : ['--input-type=module', '-e', script];
  const result = await run(process.execPath, args, { cwd: dir, timeoutMs: 60_000 });
  if (result.code === 0) return { specifier, format, result: Math.round(Number(result.stdout.trim())) };
  const message = /^(\w*Error[^\n]*)/m.exec(result.stderr)?.[1] ?? result.stderr.trim().split('\n')[0];
  return { specifier, format, result: `fails: ${message}` };
}

/** A table of load times, one line per entry point (CommonJS and ESM side by side). */
export function loadTable(title: string, times: LoadTime[]): string {
  const specifiers = [...new Set(times.map((time) => time.specifier))];
  const cell = (specifier: string, format: string) => {
    const result = times.find((time) => time.specifier === specifier && time.format === format)?.result;
    return typeof result === 'number' ? `${result} ms` : String(result);
  };
  const width = Math.max(...specifiers.map((specifier) => specifier.length));
  return [
    `${title} (ms of require() / import() in a new node process, one run)`,
    `  ${'entry'.padEnd(width)}  ${'require'.padStart(9)}  import`,
    ...specifiers.map(
      (specifier) =>
        `  ${specifier.padEnd(width)}  ${cell(specifier, 'cjs').padStart(9)}  ${cell(specifier, 'esm')}`,
    ),
  ].join('\n');
}
