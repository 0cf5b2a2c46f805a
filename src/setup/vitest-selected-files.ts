import type { TestProject } from 'vitest/node';

/**
 * The test files this run of `project` runs, with the CLI's filters, `--changed`, `--shard` and the
 * like applied: Vitest records them before it runs the global setups. Its setup files (not this
 * library's) run before each of them, so they count too. Undefined when Vitest recorded none (a
 * run started through the API in another way): every store then starts.
 */
export function vitestSelectedFiles(project: TestProject): string[] | undefined {
  const state = (project as { vitest?: { state?: { getPaths?(): string[] } } }).vitest?.state;
  const paths = state?.getPaths?.() ?? [];
  const files = paths.filter((file) => project.matchesTestGlob(file));
  if (files.length === 0) return undefined;
  const own = /[/\\]vitest-setup-file\.[cm]?[jt]s$/;
  return [...files, ...project.config.setupFiles.filter((file) => !own.test(file))];
}
