// The building blocks of config validation, on their own: field reading (options over the
// environment, masking, long values shortened, where a structured value is wrong), host:port for
// messages, the PostgreSQL URL from POSTGRES_* parts, and a missing peer package.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MissingPeerDependencyError } from 'database-config/internal';
import { bool, int, readFields, url, type FieldTable } from 'database-config/internal';
import { maskUrl } from 'database-config/internal';
import { importPeer } from 'database-config/internal';
import { postgresUrlFromParts } from 'database-config/internal';

interface Demo {
  token: string;
  endpoint: string;
  tags: string[];
  retries: number;
  verbose: boolean;
}

const table: FieldTable<Demo> = {
  token: {
    env: 'DEMO_TOKEN',
    schema: () => z.string().min(8),
    expected: 'a token of 8+ characters',
    example: 'DEMO_TOKEN=abcdefgh',
    secret: 'value',
  },
  endpoint: {
    env: 'DEMO_URL',
    schema: url(['https']),
    expected: 'an https URL',
    example: 'https://h',
    secret: 'url',
  },
  tags: {
    schema: () => z.array(z.string().min(1)),
    expected: 'a list of names',
    example: "['a']",
    default: [],
  },
  retries: {
    env: 'DEMO_RETRIES',
    schema: int(0, 5),
    expected: 'an integer from 0 to 5',
    example: 'DEMO_RETRIES=2',
    default: 1,
  },
  verbose: {
    env: 'DEMO_VERBOSE',
    schema: bool(),
    expected: 'a boolean',
    example: 'DEMO_VERBOSE=true',
    default: false,
  },
};

describe('readFields', () => {
  it('reads the environment, converts strings and fills defaults', () => {
    const { value, issues } = readFields('redis', table, {
      DEMO_TOKEN: 'secret-token',
      DEMO_URL: ' https://api.example ',
      DEMO_RETRIES: '3',
      DEMO_VERBOSE: 'yes',
    });
    expect(issues).toEqual([]);
    expect(value).toEqual({
      token: 'secret-token',
      endpoint: 'https://api.example',
      tags: [],
      retries: 3,
      verbose: true,
    });
  });

  it('collects every problem: secrets masked, long values shortened, the path of a bad list item, unknown options', () => {
    const { value, issues } = readFields(
      'qdrant',
      table,
      { DEMO_TOKEN: 'short', DEMO_URL: 'http://user:hunter2@api.example/', DEMO_VERBOSE: 'maybe' },
      { retries: 'x'.repeat(100), tags: ['ok', ''], colour: 'blue' },
    );
    expect(value).toBeUndefined();
    expect(issues).toEqual([
      {
        store: 'qdrant',
        source: 'options.qdrant.colour',
        problem: 'unknown option; known options are token, endpoint, tags, retries, verbose',
        example: 'token',
      },
      {
        store: 'qdrant',
        source: 'DEMO_TOKEN',
        problem: '**** is not a token of 8+ characters',
        example: 'DEMO_TOKEN=abcdefgh',
      },
      {
        store: 'qdrant',
        source: 'DEMO_URL',
        problem: '"http://user:****@api.example/" is not an https URL',
        example: 'https://h',
      },
      {
        store: 'qdrant',
        source: 'options.qdrant.tags',
        problem: expect.stringMatching(/^\["ok",""\] is not a list of names \(at \[1\]: .+\)$/),
        example: "['a']",
      },
      {
        store: 'qdrant',
        source: 'options.qdrant.retries',
        problem: `"${'x'.repeat(76)}... is not an integer from 0 to 5`,
        example: 'DEMO_RETRIES=2',
      },
      {
        store: 'qdrant',
        source: 'DEMO_VERBOSE',
        problem: '"maybe" is not a boolean',
        example: 'DEMO_VERBOSE=true',
      },
    ]);
    expect(JSON.stringify(issues)).not.toContain('hunter2');
    expect(JSON.stringify(issues)).not.toContain('short');
  });

  it('a required field without a value is missing; a structured value wrong as a whole says "top level"', () => {
    const { issues } = readFields(
      'options' as never,
      { only: table.tags } as FieldTable<{ only: string[] }>,
      {},
      {
        only: { not: 'a list' },
      },
    );
    expect(issues).toEqual([
      {
        store: 'options',
        source: 'options.options.only',
        problem: expect.stringMatching(/^\{"not":"a list"\} is not a list of names \(at top level: .+\)$/),
        example: "['a']",
      },
    ]);
    const missing = readFields('redis', table, {});
    expect(missing.issues.map((i) => [i.source, i.problem])).toEqual([
      ['DEMO_TOKEN', 'is missing'],
      ['DEMO_URL', 'is missing'],
    ]);
  });

  it('an empty table names no example for an unknown option', () => {
    expect(readFields('redis', {} as FieldTable<Record<string, never>>, {}, { x: 1 }).issues).toEqual([
      {
        store: 'redis',
        source: 'options.redis.x',
        problem: 'unknown option; known options are ',
        example: '',
      },
    ]);
  });
});

describe('maskUrl', () => {
  it('masks the password of what is not a URL', () => {
    expect(maskUrl('not a url //app:pw@host')).toBe('not a url //app:****@host');
    expect(maskUrl('%%://user:p@ss@word@host')).toBe('%%://user:****@host');
  });
});

describe('postgresUrlFromParts', () => {
  it('builds the URL from POSTGRES_* only when DATABASE_URL is absent and POSTGRES_HOST is set', () => {
    expect(postgresUrlFromParts({ DATABASE_URL: 'postgresql://x', POSTGRES_HOST: 'db' })).toBeUndefined();
    expect(postgresUrlFromParts({ POSTGRES_HOST: '  ' })).toBeUndefined();
    expect(postgresUrlFromParts({ POSTGRES_HOST: ' db ' })).toBe('postgresql://postgres@db:5432/postgres');
    expect(
      postgresUrlFromParts({
        POSTGRES_HOST: 'db',
        POSTGRES_PORT: '6543',
        POSTGRES_USER: 'app user',
        POSTGRES_PASSWORD: 'p@ss/word',
      }),
    ).toBe('postgresql://app%20user:p%40ss%2Fword@db:6543/app%20user');
    expect(postgresUrlFromParts({ POSTGRES_HOST: 'db', POSTGRES_USER: 'u', POSTGRES_DB: 'shop' })).toBe(
      'postgresql://u@db:5432/shop',
    );
  });
});

describe('importPeer', () => {
  it('turns a missing package into MissingPeerDependencyError, and passes other failures through', async () => {
    const missing = await importPeer(
      'redis',
      'ioredis-not-installed',
      () => import('ioredis-not-installed' as string),
    ).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(MissingPeerDependencyError);
    expect((missing as MissingPeerDependencyError).message).toBe(
      'redis needs the package "ioredis-not-installed", which is not installed: run npm install ioredis-not-installed',
    );
    // A missing module that is not the peer (a broken install of the peer itself) is not reported as the peer.
    const other = Object.assign(new Error("Cannot find module 'left-pad'"), { code: 'MODULE_NOT_FOUND' });
    await expect(importPeer('redis', 'ioredis', () => Promise.reject(other))).rejects.toBe(other);
    const crash = new TypeError('boom');
    await expect(importPeer('redis', 'ioredis', () => Promise.reject(crash))).rejects.toBe(crash);
    await expect(importPeer('redis', 'ioredis', async () => 42)).resolves.toBe(42);
  });
});
