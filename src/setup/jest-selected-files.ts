import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, relative, resolve } from 'node:path';

/** What of Jest's global config the selection reads. */
interface JestGlobalLike {
  testPathPatterns?: { patterns?: string[] } | string[];
  nonFlagArgs?: string[];
  runTestsByPath?: boolean;
}

/** What of a Jest project config the selection reads. */
interface JestProjectLike {
  rootDir?: string;
  roots?: string[];
  testMatch?: string[];
  testRegex?: string | string[];
  testPathIgnorePatterns?: string[];
  moduleFileExtensions?: string[];
  setupFiles?: string[];
  setupFilesAfterEnv?: string[];
}

const MAX_FILES = 20_000;

/**
 * The test files a Jest run can run: Jest's globalSetup is not told which, so the project's roots
 * are walked for files matching `testMatch` / `testRegex` and the CLI's path patterns, a superset
 * of Jest's own choice (`--onlyChanged`, `--shard` narrow it further), plus the setup files that
 * run before each. Undefined when that cannot be worked out: every store then starts.
 */
export function jestSelectedFiles(globalConfig: unknown, projectConfig: unknown): string[] | undefined {
  const global = (globalConfig ?? {}) as JestGlobalLike;
  const project = (projectConfig ?? {}) as JestProjectLike;
  if (!project.rootDir) return undefined;
  const rootDir = project.rootDir;
  const setup = [...(project.setupFiles ?? []), ...(project.setupFilesAfterEnv ?? [])].filter(
    (file) => !/[/\\]jest-setup-file\.[cm]?[jt]s$/.test(file),
  );
  if (global.runTestsByPath && global.nonFlagArgs?.length)
    return [...global.nonFlagArgs.map((file) => resolve(rootDir, file)), ...setup];
  const isTest = testMatcher(project);
  if (!isTest) return undefined;
  const raw = global.testPathPatterns;
  const patterns = (Array.isArray(raw) ? raw : (raw?.patterns ?? [])).map((p) => regex(p));
  if (patterns.some((p) => p === undefined)) return undefined;
  const ignore = (project.testPathIgnorePatterns ?? ['/node_modules/']).map((p) => regex(p));
  if (ignore.some((p) => p === undefined)) return undefined;
  const extensions = new Set(
    (project.moduleFileExtensions ?? ['js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx']).map((e) => `.${e}`),
  );
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (files.length > MAX_FILES) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(path);
      } else if (
        entry.isFile() &&
        extensions.has(extname(entry.name)) &&
        isTest(path) &&
        !ignore.some((p) => p!.test(path)) &&
        (patterns.length === 0 || patterns.some((p) => p!.test(path) || p!.test(relative(rootDir, path))))
      ) {
        files.push(path);
      }
    }
  };
  try {
    for (const root of project.roots ?? [rootDir]) walk(root);
  } catch {
    return undefined;
  }
  if (files.length > MAX_FILES) return undefined;
  return [...files, ...setup];
}

function regex(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'i');
  } catch {
    return undefined;
  }
}

/** `testRegex`, else `testMatch` (neither: undefined) through Jest's own glob matcher (jest-util, beside Jest). */
function testMatcher(project: JestProjectLike): ((path: string) => boolean) | undefined {
  const testRegex = [project.testRegex ?? []].flat().filter(Boolean);
  if (testRegex.length > 0) {
    const regexes = testRegex.map((p) => regex(p));
    if (regexes.some((r) => r === undefined)) return undefined;
    return (path) => regexes.some((r) => r!.test(path));
  }
  // Jest's normalised config always has one of them; without, this is no config Jest made.
  const testMatch = project.testMatch;
  if (!testMatch?.length) return undefined;
  try {
    const { globsToMatcher, replacePathSepForGlob } = createRequire(join(project.rootDir!, 'package.json'))(
      'jest-util',
    ) as {
      globsToMatcher(globs: string[]): (path: string) => boolean;
      replacePathSepForGlob(path: string): string;
    };
    const matches = globsToMatcher(testMatch);
    return (path) => matches(replacePathSepForGlob(path));
  } catch {
    return undefined;
  }
}
