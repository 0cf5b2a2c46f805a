import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigValidationError } from 'database-config/internal';
import { storesUsedBy } from '../../src/fixtures/stores-named.js';
import { startMode, storesToDefer } from '../../src/setup/used-stores.js';

const ALL = ['postgres', 'mongodb', 'redis', 'qdrant'] as const;

/** A throwaway project: `files` maps relative paths to their text; returns the absolute path of each. */
function project(files: Record<string, string>): (path: string) => string {
  const dir = mkdtempSync(join(tmpdir(), 'dbc-used-stores-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return (path) => join(dir, path);
}

describe('storesUsedBy', () => {
  it('names the stores of the fixtures a file uses, and of the files it imports relatively', () => {
    const at = project({
      'a.test.ts': "import { helper } from './helpers/orders.js';\ntest('x', async ({ prisma }) => {});",
      'helpers/orders.ts': "import { cache } from '../lib';\nexport const helper = 1;",
      'lib/index.ts': 'export const cache = await createRedisClient(config);',
      'b.test.ts': "const m = await import('./vectors.mjs');",
      'vectors.mjs': 'export const q = new QdrantClient({});',
    });
    expect([...storesUsedBy([at('a.test.ts')], [...ALL])].sort()).toEqual(['postgres', 'redis']);
    expect([...storesUsedBy([at('b.test.ts')], [...ALL])]).toEqual(['qdrant']);
  });

  it('counts every configured store for an entry that connects them all, or a file it cannot read', () => {
    const at = project({ 'm.test.ts': 'const manager = new DatabaseManager(loadDatabaseConfig());' });
    expect(storesUsedBy([at('m.test.ts')], ['postgres', 'redis'])).toEqual(new Set(['postgres', 'redis']));
    expect(storesUsedBy([at('missing.test.ts')], ['mongodb'])).toEqual(new Set(['mongodb']));
  });

  it('does not follow node_modules, a path built at run time, or only the configured stores', () => {
    const at = project({
      'c.test.ts': "import x from './node_modules/pkg/index.js';\nconst h = await import(name);\n",
      'node_modules/pkg/index.js': 'redis mongo qdrant prisma',
    });
    expect(storesUsedBy([at('c.test.ts')], [...ALL]).size).toBe(0);
    const mongo = project({ 'd.test.ts': 'test("x", async ({ mongo, redis }) => {})' });
    expect([...storesUsedBy([mongo('d.test.ts')], ['mongodb'])]).toEqual(['mongodb']);
  });
});

describe('storesToDefer and startMode', () => {
  it('defers the stores the selected files do not name, none when the files are unknown or the mode is all', () => {
    const at = project({ 'p.test.ts': "test('x', async ({ prisma }) => {})" });
    expect(storesToDefer([...ALL], [at('p.test.ts')], 'used')).toEqual(['mongodb', 'redis', 'qdrant']);
    expect(storesToDefer([...ALL], undefined, 'used')).toEqual([]);
    expect(storesToDefer([...ALL], [at('p.test.ts')], 'all')).toEqual([]);
  });

  it("reads fixtures.start over DBC_START, 'used' by default; a wrong DBC_START is named", () => {
    expect(startMode({}, {})).toBe('used');
    expect(startMode({}, { DBC_START: 'all' })).toBe('all');
    expect(startMode({ start: 'used' }, { DBC_START: 'all' })).toBe('used');
    expect(() => startMode({}, { DBC_START: 'some' })).toThrow(ConfigValidationError);
    expect(() => startMode({}, { DBC_START: 'some' })).toThrow(
      /DBC_START: must be 'used' or 'all', got 'some'/,
    );
  });
});
