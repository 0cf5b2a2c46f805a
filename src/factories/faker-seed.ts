// The faker seed of a test: a hash of its full name, or DBC_FAKER_SEED for every test. Kept apart
// from faker itself so the runner adapters can print it without loading faker.
import { ConfigValidationError, type ConfigIssue } from 'database-config/internal';
import { hasCurrentScope, currentScope } from '../fixtures/current-scope.js';

/** Where a faker seed came from. */
export interface FakerSeed {
  /** The seed given to `faker.seed()`. */
  seed: number;
  /** `env`: DBC_FAKER_SEED; `test`: the hash of the test name; `default`: no test is running. */
  source: 'env' | 'test' | 'default';
  /** The test (or scope) name the seed was computed from. */
  name: string | undefined;
}

/** Name hashed for the seed of data made outside any test (seed scripts). */
const OUTSIDE_TESTS = 'database-config';

/** 32-bit FNV-1a hash of a string: the same name always gives the same seed. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The problem with `DBC_FAKER_SEED`, or undefined when it is unset, empty or a valid seed. Checked
 * once at stack start too, so a bad seed fails before any container starts.
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

function envSeed(env: Record<string, string | undefined>): number | undefined {
  const issue = fakerSeedIssue(env);
  if (issue) throw new ConfigValidationError([issue]);
  const raw = env.DBC_FAKER_SEED;
  return raw === undefined || raw.trim() === '' ? undefined : Number(raw);
}

/** The faker seed for data made under `name` (a test's full name; undefined outside tests). */
export function fakerSeedFor(
  name: string | undefined,
  env: Record<string, string | undefined> = process.env,
): FakerSeed {
  const fromEnv = envSeed(env);
  if (fromEnv !== undefined) return { seed: fromEnv, source: 'env', name };
  if (name === undefined) return { seed: hashSeed(OUTSIDE_TESTS), source: 'default', name };
  return { seed: hashSeed(name), source: 'test', name };
}

function scopeName(): string | undefined {
  return hasCurrentScope() ? currentScope().name : undefined;
}

/** The faker seed of the running test (of seed scripts, outside tests): `DBC_FAKER_SEED` when set. */
export function factorySeed(): number {
  return fakerSeedFor(scopeName()).seed;
}

/**
 * A line saying which faker seed a test's factory data came from and how to replay it; meant for
 * a failed test's report (`onTestFailed(() => console.error(describeFactorySeed(name)))`).
 * @param testName the test's full name; @default the running test's
 */
export function describeFactorySeed(testName: string | undefined = scopeName()): string {
  const { seed, source } = fakerSeedFor(testName);
  if (source === 'default') {
    return `Factory data outside tests came from faker seed ${seed} (the default seed); set DBC_FAKER_SEED to choose another.`;
  }
  const test = testName === undefined ? 'outside tests' : `of "${testName}"`;
  const from = source === 'env' ? 'DBC_FAKER_SEED' : 'the hash of the test name';
  return (
    `Factory data ${test} came from faker seed ${seed} (${from}). The same test name gives the same data; ` +
    `to replay it after a rename or in a script, run with DBC_FAKER_SEED=${seed}.`
  );
}

/**
 * What a failed test prints about its factory data: the seed line when factories generated data
 * in its scope, else nothing (projects that use no factories get no noise).
 */
export function failedTestSeedLine(scope: { name: string; factoryData?: boolean } | undefined): string {
  return scope?.factoryData ? `${describeFactorySeed(scope.name)}\n` : '';
}
