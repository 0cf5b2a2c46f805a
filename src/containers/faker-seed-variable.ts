// DBC_FAKER_SEED's check, a leaf module: the stack checks it with every other variable before
// anything starts, and the test session reads the seed through it without loading the stack.
import type { ConfigIssue } from 'database-config/internal';

/**
 * The problem with `DBC_FAKER_SEED`, or undefined when it is unset, empty or a valid seed. Checked
 * at stack start too, so a bad seed fails before any container starts.
 */
export function fakerSeedIssue(
  env: Record<string, string | undefined> = process.env,
): ConfigIssue | undefined {
  const raw = env.DBC_FAKER_SEED;
  if (raw === undefined || raw.trim() === '') return undefined;
  if (/^\d+$/.test(raw.trim()) && Number.isSafeInteger(Number(raw))) return undefined;
  return {
    store: 'options',
    source: 'DBC_FAKER_SEED',
    problem: `${JSON.stringify(raw)} is not a seed: a seed is a non-negative integer (0 to ${Number.MAX_SAFE_INTEGER})`,
    example: 'DBC_FAKER_SEED=1234567',
  };
}
