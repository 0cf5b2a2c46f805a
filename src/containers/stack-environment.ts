// What startDatabaseStack reads from the environment, checked once before anything starts: the
// boolean switches, the faker seed and the external URLs. Every problem is reported together.
import { ENV_FLAGS, envFlagIssues } from 'database-config/internal';
import { ConfigValidationError } from 'database-config/internal';
import { fakerSeedIssue } from './faker-seed-variable.js';
import type { StackConfig } from './stack-config.js';
import type { StoreName } from 'database-config/internal';
import { readExternalUrls, type ExternalTarget } from './external-services.js';

/**
 * Checks every `DBC_*` switch (true/false/1/0), `DBC_FAKER_SEED` and each configured store's
 * external URL (`fixtures.<store>.url`, else `DBC_<STORE>_URL`); throws one
 * {@link ConfigValidationError} listing every problem, values masked.
 */
export function readStackEnvironment(
  config: StackConfig,
  env: Record<string, string | undefined> = process.env,
): Partial<Record<StoreName, ExternalTarget>> {
  const { targets, issues } = readExternalUrls(config, env);
  const seed = fakerSeedIssue(env);
  const all = [...envFlagIssues(ENV_FLAGS, env), ...(seed ? [seed] : []), ...issues];
  if (all.length > 0) throw new ConfigValidationError(all);
  return targets;
}
