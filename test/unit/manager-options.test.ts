import { CircuitState } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import * as generated from '../../prisma/generated/client.js';
import { PrismaClient } from '../../prisma/generated/client.js';
import {
  ConfigValidationError,
  DatabaseManager,
  InvalidPrismaClientError,
  OperationTimeoutError,
  createPrismaClient,
  loadDatabaseConfig,
} from 'database-config';
import { storePolicies, withTimeout } from '../../packages/database-config/src/config/resilience.js';

const config = loadDatabaseConfig(
  { DATABASE_URL: 'postgresql://app:s3cret@127.0.0.1:1/app' },
  { stores: ['postgres'] },
);

function thrown(run: () => unknown): InvalidPrismaClientError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidPrismaClientError);
    return error as InvalidPrismaClientError;
  }
  throw new Error('expected an InvalidPrismaClientError, nothing was thrown');
}

describe('a prismaClient that is not a class', () => {
  const cases: [string, unknown, string][] = [
    ['a plain object', {}, 'an object (Object)'],
    ['the module namespace', generated, 'a module namespace (import * as ...; pass its PrismaClient export)'],
    ['an arrow function', () => ({}), 'a function without a prototype (an arrow function or a method)'],
    ['a client instance', { $connect: async () => undefined }, 'a client instance (Object)'],
    ['a string', 'PrismaClient', 'a string ("PrismaClient")'],
    ['null', null, 'null'],
  ];

  it.each(cases)('DatabaseManager refuses %s, saying what was given and what to pass', (_, value, given) => {
    const error = thrown(() => new DatabaseManager({ config, prismaClient: value as never }));
    expect(error.name).toBe('InvalidPrismaClientError');
    expect(error.store).toBe('postgres');
    expect(error.option).toBe('DatabaseManager({ prismaClient })');
    expect(error.given).toBe(given);
    expect(error.message).toBe(
      `DatabaseManager({ prismaClient }) must be your generated Prisma client class, but ${given} was given. ` +
        "Pass the class itself, not an instance or the module: import { PrismaClient } from './generated/prisma/client.js' " +
        '(the output of the prisma-client generator in your schema) and pass PrismaClient.',
    );
  });

  it('is refused even when PostgreSQL is not configured', () => {
    const redisOnly = loadDatabaseConfig({ REDIS_URL: 'redis://127.0.0.1:1' }, { stores: ['redis'] });
    expect(() => new DatabaseManager({ config: redisOnly, prismaClient: {} as never })).toThrow(
      InvalidPrismaClientError,
    );
  });

  it('createPrismaClient (the fixtures go through it) refuses it before opening anything, naming the option', async () => {
    const error = (await createPrismaClient({} as never, config.postgres!).catch(
      (e: unknown) => e,
    )) as InvalidPrismaClientError;
    expect(error).toBeInstanceOf(InvalidPrismaClientError);
    expect(error.message).toMatch(
      /^prismaClient \(the option of databaseTest\(\) and useDatabases\(\), or createPrismaClient's first argument\) must be your generated Prisma client class, but an object \(Object\) was given\./,
    );
    expect(error.message).not.toContain('is not a constructor');
  });

  it('the generated class passes (nothing is connected by the constructor)', async () => {
    expect(new DatabaseManager({ config, prismaClient: PrismaClient }).stores).toEqual(['postgres']);
    const prisma = await createPrismaClient(PrismaClient, config.postgres!);
    await prisma.$disconnect();
  });
});

describe('the manager timeouts, retry and breaker settings', () => {
  it('are validated together, every problem at once, naming the option and its range', () => {
    const redisOnly = loadDatabaseConfig({ REDIS_URL: 'redis://127.0.0.1:1' }, { stores: ['redis'] });
    let error: unknown;
    try {
      new DatabaseManager({
        config: redisOnly,
        healthTimeoutMs: -1,
        operationTimeoutMs: 'soon' as never,
        breaker: { threshold: 0, halfOpenAfterMs: 1.5 },
        retry: { attempts: 3 },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const { issues, message } = error as ConfigValidationError;
    expect(issues.map((i) => i.source)).toEqual([
      'DatabaseManager({ healthTimeoutMs })',
      'DatabaseManager({ operationTimeoutMs })',
      'DatabaseManager({ breaker.threshold })',
      'DatabaseManager({ breaker.halfOpenAfterMs })',
    ]);
    expect(message).toContain(
      'options DatabaseManager({ healthTimeoutMs }): -1 is not an integer from 1 to 600000 (example: 2000)',
    );
    expect(message).toContain(
      'DatabaseManager({ operationTimeoutMs }): "soon" is not an integer from 1 to 3600000',
    );
    expect(message).toContain('DatabaseManager({ breaker.threshold }): 0 is not an integer from 1 to 1000');
  });
});

describe('the breaker counts timeouts', () => {
  const hang = () => new Promise<never>(() => undefined);
  const timeoutError = () =>
    new OperationTimeoutError('redis', 'health check', 'redis://127.0.0.1:1 (db 0)', 30, 'healthTimeoutMs');

  it('opens after `threshold` calls that timed out, and then fails fast', async () => {
    const { breaker } = storePolicies({}, { threshold: 2, halfOpenAfterMs: 60_000 });
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      await expect(breaker.execute(() => withTimeout(30, hang, timeoutError))).rejects.toThrow(
        OperationTimeoutError,
      );
      expect(performance.now() - started).toBeLessThan(500);
    }
    expect(breaker.state).toBe(CircuitState.Open);
    await expect(breaker.execute(async () => 'never called')).rejects.toThrow(/circuit breaker is open/);
  });

  it('does not count errors the server answered', async () => {
    const { breaker } = storePolicies({}, { threshold: 1 });
    await expect(
      breaker.execute(async () => {
        throw new Error('duplicate key value violates unique constraint "User_email_key"');
      }),
    ).rejects.toThrow(/unique constraint/);
    expect(breaker.state).toBe(CircuitState.Closed);
    await expect(
      breaker.execute(async () => {
        throw new Error('Command timed out');
      }),
    ).rejects.toThrow(/timed out/);
    expect(breaker.state).toBe(CircuitState.Open);
  });

  it('withTimeout aborts the signal it gave the call, with the timeout error', async () => {
    let signal: AbortSignal | undefined;
    const error = await withTimeout(
      20,
      (s) => {
        signal = s;
        return hang();
      },
      timeoutError,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationTimeoutError);
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBe(error);
    expect((error as Error).message).toBe(
      'The health check of redis at redis://127.0.0.1:1 (db 0) got no answer within 30 ms (healthTimeoutMs). ' +
        'The server may be hung or overloaded: check it; raise healthTimeoutMs if such calls are expected to take longer.',
    );
  });
});
