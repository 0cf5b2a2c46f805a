import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigValidationError, StateError } from 'database-config/internal';
import { loadJestFixturesConfig } from '../../src/setup/jest-config-file.js';
import { CONFIG_ENV } from '../../src/setup/jest-config.js';

// How the Jest preset finds the fixture config: database-fixtures.config.* in the rootDir or above.
describe('loadJestFixturesConfig', () => {
  afterEach(() => {
    delete process.env[CONFIG_ENV];
  });

  const project = async (files: Record<string, string>) => {
    const dir = await mkdtemp(join(tmpdir(), 'dbc-jest-config-'));
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    return dir;
  };

  it('reads a TypeScript config (Node strips the types), resolves it, and hands it to the workers', async () => {
    const dir = await project({
      'database-fixtures.config.ts': `const redis: { databases: number } = { databases: 4 };\nexport default { redis };\n`,
    });
    const config = await loadJestFixturesConfig(dir);
    expect(config.redis?.databases).toBe(4);
    expect(config.root).toBe(dir);
    expect(JSON.parse(process.env[CONFIG_ENV]!)).toEqual(config);
  });

  it('reads JSON, and prefers the first file in the documented order', async () => {
    const dir = await project({
      'database-fixtures.config.json': '{ "redis": { "databases": 8 } }',
      'database-fixtures.config.mjs': 'export default { redis: { databases: 2 } };',
    });
    expect((await loadJestFixturesConfig(dir)).redis?.databases).toBe(2);
    delete process.env[CONFIG_ENV];
    const json = await project({ 'database-fixtures.config.json': '{ "redis": { "databases": 8 } }' });
    expect((await loadJestFixturesConfig(json)).redis?.databases).toBe(8);
  });

  it("from a rootDir below the config (Nest's test/jest-e2e.json), finds it up to the package root; paths resolve against its folder", async () => {
    const dir = await project({
      'package.json': '{}',
      'database-fixtures.config.mjs': "export default { postgres: { migrations: './prisma/migrations' } };",
    });
    const rootDir = join(dir, 'test');
    await mkdir(rootDir);
    const config = await loadJestFixturesConfig(rootDir);
    expect(config.postgres?.migrations).toBe('./prisma/migrations');
    expect(config.root).toBe(dir);
    delete process.env[CONFIG_ENV];
    // The search stops at the package root: a config above it belongs to another project.
    const nested = join(dir, 'packages', 'app');
    await mkdir(join(nested, 'test'), { recursive: true });
    await writeFile(join(nested, 'package.json'), '{}');
    const error = await loadJestFixturesConfig(join(nested, 'test')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateError);
    expect((error as Error).message).toContain('or the folders above it up to the package root');
  });

  it('without a config file, says where it looked and the two ways to configure', async () => {
    const dir = await project({});
    const error = await loadJestFixturesConfig(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateError);
    expect((error as Error).message).toContain(`no fixture config for Jest in ${dir}`);
    expect((error as Error).message).toContain('database-fixtures.config.mjs');
    expect((error as Error).message).toContain('withDatabaseFixtures');
  });

  it('a file with no default export, or an invalid config, is named before anything starts', async () => {
    const empty = await project({ 'database-fixtures.config.mjs': 'export const redis = {};' });
    await expect(loadJestFixturesConfig(empty)).rejects.toThrow(/has no default export/);
    const invalid = await project({
      'database-fixtures.config.mjs': 'export default { redis: { databases: 0 }, postgress: {} };',
    });
    const error = await loadJestFixturesConfig(invalid).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as Error).message).toContain('fixtures.redis.databases');
    expect((error as Error).message).toContain('postgress');
    expect(process.env[CONFIG_ENV]).toBeUndefined();
  });
});
