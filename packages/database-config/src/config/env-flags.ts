import { ConfigValidationError, type ConfigIssue } from '../errors.js';

const TRUE = new Set(['true', '1']);
const FALSE = new Set(['false', '0']);

/**
 * The problem with a boolean environment variable's value, or undefined when it is fine. Unset
 * or empty means "not set"; `true`/`1` and `false`/`0` (any case, trimmed) are accepted.
 */
function flagIssue(name: string, raw: string | undefined): ConfigIssue | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = raw.trim().toLowerCase();
  if (TRUE.has(value) || FALSE.has(value)) return undefined;
  return {
    store: 'options',
    source: name,
    problem: `"${raw}" is not a boolean; use true or false (1 and 0 work too)`,
    example: `${name}=true`,
  };
}

/**
 * A boolean switch from the environment: `true`/`1` or `false`/`0` (any case); unset or empty
 * gives `undefined`. Anything else is a {@link ConfigValidationError} naming the variable, never a
 * silent `false`.
 */
export function envFlag(
  name: string,
  env: Record<string, string | undefined> = process.env,
): boolean | undefined {
  const issue = flagIssue(name, env[name]);
  if (issue) throw new ConfigValidationError([issue]);
  const raw = env[name]?.trim().toLowerCase();
  return raw ? TRUE.has(raw) : undefined;
}

/**
 * Checks several boolean variables at once and reports every bad one in one
 * {@link ConfigValidationError} (the way the config validation lists all problems).
 */
export function checkEnvFlags(
  names: readonly string[],
  env: Record<string, string | undefined> = process.env,
): void {
  const issues = envFlagIssues(names, env);
  if (issues.length > 0) throw new ConfigValidationError(issues);
}

/** The problems of several boolean variables, for callers that report them with other problems. */
export function envFlagIssues(
  names: readonly string[],
  env: Record<string, string | undefined> = process.env,
): ConfigIssue[] {
  return names.map((name) => flagIssue(name, env[name])).filter((i): i is ConfigIssue => !!i);
}

/** The library's boolean environment variables (documented in the README). */
export const ENV_FLAGS = [
  'DBC_LEAK_CHECK',
  'DBC_KEEP_ON_FAILURE',
  'DBC_REUSE',
  'DBC_REPORT',
  'DBC_ALLOW_REMOTE',
  'DBC_QUIET',
  'DBC_PRISMA_ENGINE_STUB',
] as const;
