// Reading drivers' errors (codes and messages through causes, aggregates and MongoDB's per-server
// errors), what an external MongoDB's failure means, and the URLs `status` rebuilds from what Docker
// reports: pure logic on given values.
import { describe, expect, it } from 'vitest';
import { STORE_URLS } from '../../src/cli/container-urls.js';
import { answerOf, errorTexts } from '../../src/containers/error-texts.js';
import { mongodbExternal } from '../../src/containers/mongodb/mongodb-external.js';

const withCode = (message: string, code: unknown, name = 'Error') =>
  Object.assign(new Error(message), { code, name });

describe('errorTexts and answerOf', () => {
  it('collects codes, names and messages of the error, its causes, aggregated errors and MongoDB servers', () => {
    const socket = withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED');
    const server = withCode('getaddrinfo ENOTFOUND db', 'ENOTFOUND');
    const mongo = Object.assign(new Error('Server selection timed out'), {
      name: 'MongoServerSelectionError',
      reason: { servers: new Map([['db:27017', { error: server }]]) },
    });
    const outer = new AggregateError([socket, mongo], '', { cause: 'not an object' });
    expect(errorTexts(outer)).toEqual({
      codes: ['AggregateError', 'ECONNREFUSED', 'Error', 'MongoServerSelectionError', 'ENOTFOUND', 'Error'],
      messages: [
        'connect ECONNREFUSED 127.0.0.1:1',
        'Server selection timed out',
        'getaddrinfo ENOTFOUND db',
      ],
    });
  });

  it('reads each error once (a cause cycle ends), and nothing of a value that is no object', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(errorTexts(a).messages).toEqual(['a', 'b']);
    expect(errorTexts('text')).toEqual({ codes: [], messages: [] });
    expect(errorTexts(null)).toEqual({ codes: [], messages: [] });
  });

  it("prefers a nested network error's first line, else the outer message, else the value itself", () => {
    const nested = new Error('query failed', { cause: new Error('read ECONNRESET\n    at stack') });
    expect(answerOf(nested)).toBe('read ECONNRESET');
    expect(answerOf(new Error('  permission denied  '))).toBe('permission denied');
    expect(answerOf('plain text')).toBe('plain text');
  });
});

describe('an external MongoDB failure, explained', () => {
  const explain = (error: unknown) => mongodbExternal.explain(error, { timeoutMs: 1000 });

  it('authentication, missing rights, a refused URL, another protocol; anything else is left to the common reading', () => {
    expect(explain(withCode('bad auth', 18))).toMatchObject({
      problem: 'authentication failed',
      hint: 'Check the user and password in the URL.',
    });
    expect(explain(new Error('Authentication failed.'))).toMatchObject({
      problem: 'authentication failed',
      answer: 'Authentication failed.',
    });
    expect(explain(withCode('not authorized on admin', 13))).toMatchObject({
      problem: 'the server wants a user with rights on every database',
      hint: expect.stringContaining('authSource=admin'),
    });
    expect(explain(withCode('bad option', undefined, 'MongoParseError'))).toMatchObject({
      problem: 'the driver refused the URL',
    });
    expect(explain(withCode('w', undefined, 'MongoInvalidArgumentError'))).toMatchObject({
      problem: 'the driver refused the URL',
    });
    expect(explain(new Error('invalid message size 1347703880'))).toEqual({
      problem: 'the server does not speak the MongoDB protocol',
      answer: 'invalid message size 1347703880',
      foreign: true,
    });
    expect(explain(new Error('connect ECONNREFUSED'))).toBeUndefined();
  });
});

describe('STORE_URLS (status rebuilding connection URLs)', () => {
  const parts = { host: 'localhost', port: 5555 };

  it("PostgreSQL: the container's database, user and password, the module's defaults without them", () => {
    expect(STORE_URLS.postgres.url({ ...parts, env: {}, command: [] })).toBe(
      'postgres://test:test@localhost:5555/test',
    );
    expect(
      STORE_URLS.postgres.url({
        ...parts,
        env: { POSTGRES_DB: 'app', POSTGRES_USER: 'me', POSTGRES_PASSWORD: 'p@ss' },
        command: [],
      }),
    ).toBe('postgres://me:p%40ss@localhost:5555/app');
  });

  it('MongoDB: root credentials with authSource when both are set, none otherwise', () => {
    expect(
      STORE_URLS.mongodb.url({
        ...parts,
        env: { MONGO_INITDB_ROOT_USERNAME: 'root', MONGO_INITDB_ROOT_PASSWORD: 'a/b' },
        command: [],
      }),
    ).toBe('mongodb://root:a%2Fb@localhost:5555/?authSource=admin&directConnection=true');
    expect(
      STORE_URLS.mongodb.url({ ...parts, env: { MONGO_INITDB_ROOT_USERNAME: 'root' }, command: [] }),
    ).toBe('mongodb://localhost:5555/?directConnection=true');
  });

  it("Redis: the password of --requirepass, as two arguments or one, none without it; Qdrant's plain URL", () => {
    const redis = (command: string[]) => STORE_URLS.redis.url({ ...parts, env: {}, command });
    expect(redis(['redis-server', '--requirepass', 'secret'])).toBe('redis://:secret@localhost:5555');
    expect(redis(['redis-server', '--requirepass secret3'])).toBe('redis://:secret3@localhost:5555');
    expect(redis(['redis-server', '--appendonly', 'no'])).toBe('redis://localhost:5555');
    expect(STORE_URLS.qdrant.url({ ...parts, env: {}, command: [] })).toBe('http://localhost:5555');
  });
});
