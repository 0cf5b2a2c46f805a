// Every error class of src/errors.ts, built with representative fields: its name, its fields and its
// whole message text, which is part of the contract (what failed, with which values, what to do).
import { describe, expect, it } from 'vitest';
import { errors } from 'database-config';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('error messages', () => {
  it('every exported class is a DatabaseConfigError, and each one has its message tested here', () => {
    const classes = Object.entries(errors).filter(
      ([, value]) => typeof value === 'function' && value.prototype instanceof Error,
    );
    for (const [exported, ErrorClass] of classes) {
      expect(
        ErrorClass === errors.DatabaseConfigError ||
          ErrorClass.prototype instanceof errors.DatabaseConfigError,
        exported,
      ).toBe(true);
    }
    // A new error class fails here until its message gets a test below.
    expect(classes.map(([exported]) => exported).sort()).toEqual(
      [
        'CircuitOpenError',
        'CollectionSchemaConflictError',
        'ConfigValidationError',
        'ConnectionError',
        'ContainerStartError',
        'DatabaseConfigError',
        'DockerUnavailableError',
        'ExternalServiceError',
        'FactoryCycleError',
        'FactoryDefinitionError',
        'FactoryUniqueCollisionError',
        'FixturesNotSetUpError',
        'HealthCheckError',
        'InvalidPrismaClientError',
        'IsolationLeakError',
        'MigrationError',
        'MissingPeerDependencyError',
        'MonitorAttachError',
        'OperationTimeoutError',
        'QdrantVectorSizeError',
        'RemoteHostRefusedError',
        'ResetLockTimeoutError',
        'SchemaMismatchError',
        'SetupError',
        'StateError',
        'StoreNotConfiguredError',
        'TransactionStrategyError',
        'WorkerLimitError',
      ].sort(),
    );
  });

  it('DatabaseConfigError keeps store and cause', () => {
    const error = new errors.DatabaseConfigError('boom', { store: 'redis', cause: refused });
    expect([error.name, error.message, error.store, error.cause]).toEqual([
      'DatabaseConfigError',
      'boom',
      'redis',
      refused,
    ]);
    expect(new errors.DatabaseConfigError('plain').store).toBeUndefined();
  });

  it('ConfigValidationError lists every issue, singular and plural', () => {
    const one = new errors.ConfigValidationError([
      {
        store: 'redis',
        source: 'REDIS_URL',
        problem: 'is missing',
        example: 'REDIS_URL=redis://localhost:6379',
      },
    ]);
    expect(one.name).toBe('ConfigValidationError');
    expect(one.message).toBe(
      'Invalid database configuration, 1 problem:\n' +
        '  - redis REDIS_URL: is missing (example: REDIS_URL=redis://localhost:6379)\n' +
        'Fix these environment variables or options and start again.',
    );
    const two = new errors.ConfigValidationError([
      {
        store: 'postgres',
        source: 'DATABASE_URL',
        problem: '"mysql://a" is not a PostgreSQL URL',
        example: 'postgresql://…',
      },
      { store: 'options', source: 'DBC_REUSE', problem: '"yes" is not a boolean', example: 'DBC_REUSE=true' },
    ]);
    expect(two.message.split('\n').slice(0, 3)).toEqual([
      'Invalid database configuration, 2 problems:',
      '  - postgres DATABASE_URL: "mysql://a" is not a PostgreSQL URL (example: postgresql://…)',
      '  - options DBC_REUSE: "yes" is not a boolean (example: DBC_REUSE=true)',
    ]);
    expect(two.issues).toHaveLength(2);
  });

  it('ConnectionError names the masked target, the attempts and the cause', () => {
    const error = new errors.ConnectionError(
      'postgres',
      'postgresql://app:****@db:5432/app',
      3,
      refused,
      'Check DATABASE_URL.',
    );
    expect(error.message).toBe(
      'Could not connect to postgres at postgresql://app:****@db:5432/app after 3 attempts: connect ECONNREFUSED 127.0.0.1:5432. Check DATABASE_URL.',
    );
    expect([error.name, error.store, error.target, error.attempts]).toEqual([
      'ConnectionError',
      'postgres',
      'postgresql://app:****@db:5432/app',
      3,
    ]);
    expect(new errors.ConnectionError('redis', 'redis://r:6379', 1, 'down', 'Retry.').message).toBe(
      'Could not connect to redis at redis://r:6379 after 1 attempt: down. Retry.',
    );
  });

  it('CircuitOpenError with and without the last failure', () => {
    const error = new errors.CircuitOpenError('mongodb', 5000, new Error('server selection timed out.'));
    expect(error.message).toBe(
      'The circuit breaker for mongodb is open after repeated failures (last failure: server selection timed out); ' +
        'calls fail fast for 5000 ms after it opened, then one call is let through to test the server. Check the mongodb server, then retry.',
    );
    expect(error.halfOpenAfterMs).toBe(5000);
    expect(new errors.CircuitOpenError('redis', 100).message).toMatch(
      /^The circuit breaker for redis is open after repeated failures; calls/,
    );
  });

  it('OperationTimeoutError names the bound and the option to raise', () => {
    const error = new errors.OperationTimeoutError(
      'redis',
      'health check',
      'redis://:****@r:6379/0',
      2000,
      'healthTimeoutMs',
    );
    expect(error.message).toBe(
      'The health check of redis at redis://:****@r:6379/0 got no answer within 2000 ms (healthTimeoutMs). ' +
        'The server may be hung or overloaded: check it; raise healthTimeoutMs if such calls are expected to take longer.',
    );
    expect([error.name, error.operation, error.target, error.timeoutMs]).toEqual([
      'OperationTimeoutError',
      'health check',
      'redis://:****@r:6379/0',
      2000,
    ]);
  });

  it('InvalidPrismaClientError says what was given and what to pass', () => {
    const error = new errors.InvalidPrismaClientError(
      'DatabaseManager({ prismaClient })',
      'an object (Object)',
    );
    expect(error.message).toBe(
      'DatabaseManager({ prismaClient }) must be your generated Prisma client class, but an object (Object) was given. ' +
        "Pass the class itself, not an instance or the module: import { PrismaClient } from './generated/prisma/client.js' " +
        '(the output of the prisma-client generator in your schema) and pass PrismaClient.',
    );
    expect([error.name, error.store, error.option, error.given]).toEqual([
      'InvalidPrismaClientError',
      'postgres',
      'DatabaseManager({ prismaClient })',
      'an object (Object)',
    ]);
  });

  it('MigrationError and CollectionSchemaConflictError', () => {
    const failed = new errors.MigrationError(
      'postgres',
      '20240101_init/migration.sql',
      { kind: 'sql', path: '/m/20240101_init/migration.sql', message: 'syntax error at or near "TABLEE"' },
      refused,
    );
    expect(failed.message).toBe(
      'Migration 20240101_init/migration.sql failed on postgres: syntax error at or near "TABLEE". ' +
        'No template was kept; fix /m/20240101_init/migration.sql and run again.',
    );
    expect([failed.name, failed.migration, failed.cause]).toEqual([
      'MigrationError',
      '20240101_init/migration.sql',
      refused,
    ]);

    const conflict = new errors.CollectionSchemaConflictError('products', [
      'size 384 != 768',
      'distance Cosine != Dot',
    ]);
    expect(conflict).toBeInstanceOf(errors.MigrationError);
    expect(conflict.message).toBe(
      'Migration collection "products" failed on qdrant: the existing collection differs from its schema (size 384 != 768; distance Cosine != Dot). ' +
        'It was left untouched: change the schema to match, or delete the collection (losing its points) and run again.',
    );
    expect([conflict.name, conflict.collection, conflict.differences]).toEqual([
      'CollectionSchemaConflictError',
      'products',
      ['size 384 != 768', 'distance Cosine != Dot'],
    ]);
  });

  it('HealthCheckError, StoreNotConfiguredError, StateError, MissingPeerDependencyError', () => {
    const health = new errors.HealthCheckError('qdrant', 'http://q:6333', new Error('Unauthorized'));
    expect(health.message).toBe(
      'Health check of qdrant at http://q:6333 failed: Unauthorized. Check that the server is up.',
    );
    expect([health.name, health.target]).toEqual(['HealthCheckError', 'http://q:6333']);

    const missing = new errors.StoreNotConfiguredError('mongodb', { kind: 'not-in-config' });
    expect([missing.name, missing.message, missing.store, missing.reason]).toEqual([
      'StoreNotConfiguredError',
      "mongodb is not configured. Set its variables (see loadDatabaseConfig) or include 'mongodb' in the config's stores.",
      'mongodb',
      { kind: 'not-in-config' },
    ]);

    const state = new errors.StateError({
      operation: 'DatabaseManager client',
      state: 'new',
      allowed: ['connected'],
      store: 'redis',
    });
    expect([state.name, state.message, state.store, state.operation, state.state, state.allowed]).toEqual([
      'StateError',
      'The redis client was read while the manager is new; await manager.connect() first.',
      'redis',
      'DatabaseManager client',
      'new',
      ['connected'],
    ]);
    expect(
      new errors.StateError({
        operation: 'DatabaseMonitor.attachClients()',
        state: 'closed',
        allowed: ['open'],
      }).store,
    ).toBeUndefined();

    const peer = new errors.MissingPeerDependencyError('redis', 'ioredis', refused);
    expect(peer.message).toBe(
      'redis needs the package "ioredis", which is not installed: run npm install ioredis',
    );
    expect([peer.name, peer.packageName]).toEqual(['MissingPeerDependencyError', 'ioredis']);
  });

  it('MonitorAttachError names what cannot be watched, why, and what to do', () => {
    const error = new errors.MonitorAttachError({
      kind: 'already-watched',
      target: 'client',
      by: 'another',
      store: 'redis',
    });
    expect([error.name, error.message, error.store]).toEqual([
      'MonitorAttachError',
      'Cannot monitor this redis client: another DatabaseMonitor already watches it. Attach each client once; close() the other monitor first to move it.',
      'redis',
    ]);
    expect(
      new errors.MonitorAttachError({ kind: 'already-watched', target: 'manager', by: 'this' }).store,
    ).toBeUndefined();
  });

  it('DockerUnavailableError: the local engine, or only the DOCKER_HOST one', () => {
    const local = new errors.DockerUnavailableError(
      '/var/run/docker.sock',
      new Error('connect ENOENT /var/run/docker.sock'),
    );
    expect(local.message).toBe(
      'No container runtime is reachable (tried /var/run/docker.sock): connect ENOENT /var/run/docker.sock.\n' +
        'Ways out: start Docker (or Podman with its Docker socket); or point DOCKER_HOST at a remote engine; ' +
        'or run the stores yourself and set DBC_POSTGRES_URL, DBC_MONGODB_URL, DBC_REDIS_URL, DBC_QDRANT_URL ' +
        '(or `url` per store in the fixture config) to use them instead of containers.',
    );
    expect([local.name, local.tried, local.dockerHost]).toEqual([
      'DockerUnavailableError',
      '/var/run/docker.sock',
      undefined,
    ]);

    const remote = new errors.DockerUnavailableError(
      'DOCKER_HOST=tcp://10.0.0.9:2375',
      new Error('connect ETIMEDOUT 10.0.0.9:2375'),
      'tcp://10.0.0.9:2375',
    );
    expect(remote.message).toMatch(
      /^The container runtime DOCKER_HOST names does not answer \(tried DOCKER_HOST=tcp:\/\/10\.0\.0\.9:2375\): connect ETIMEDOUT 10\.0\.0\.9:2375\.\ndatabase-config uses no other engine while DOCKER_HOST is set\. /,
    );
    expect(remote.message).toContain('or unset DOCKER_HOST to use the local engine');
    expect(remote.dockerHost).toBe('tcp://10.0.0.9:2375');
  });

  it('ContainerStartError with and without log lines', () => {
    const plain = new errors.ContainerStartError(
      'redis',
      'redis:7',
      'Check that the image exists.',
      new Error('no such image'),
    );
    expect(plain.message).toBe(
      'The redis container (redis:7) did not start: no such image. Check that the image exists.',
    );
    expect(plain.logs).toEqual([]);

    const one = new errors.ContainerStartError('postgres', 'postgres:16', 'See its logs.', 'exited (1)', [
      'FATAL: bad flag',
    ]);
    expect(one.message).toBe(
      'The postgres container (postgres:16) did not start: exited (1). See its logs.\n' +
        'Last 1 log line of the container (it is removed):\n  | FATAL: bad flag',
    );
    const two = new errors.ContainerStartError('postgres', 'postgres:16', 'See its logs.', 'exited (1)', [
      'a',
      'b',
    ]);
    expect(two.message.split('\n').slice(1)).toEqual([
      'Last 2 log lines of the container (it is removed):',
      '  | a',
      '  | b',
    ]);
    expect([two.name, two.image, two.store]).toEqual(['ContainerStartError', 'postgres:16', 'postgres']);
  });

  it('RemoteHostRefusedError names the way to allow the host', () => {
    const error = new errors.RemoteHostRefusedError('postgres', 'postgresql://app:****@db.example:5432/app');
    expect(error.message).toBe(
      'Refusing to run tests against postgres at postgresql://app:****@db.example:5432/app: the host is not local, and tests ' +
        'create and drop databases there. If this server is meant for tests, allow it with DBC_ALLOW_REMOTE=true or ' +
        '{ allowRemote: true } in the fixture config.',
    );
    expect(error.name).toBe('RemoteHostRefusedError');
  });

  it('ExternalServiceError: one failure or several, server or connection answers', () => {
    const redis: errors.ExternalServiceFailure = {
      store: 'redis',
      source: 'DBC_REDIS_URL',
      target: 'redis://:****@localhost:6380',
      problem: 'authentication failed',
      answer: 'WRONGPASS invalid username-password pair or user is disabled.',
      answeredBy: 'server',
      hint: 'Check the password in DBC_REDIS_URL.',
    };
    const one = new errors.ExternalServiceError([redis]);
    expect(one.message).toBe(
      'The external redis server failed the check before any test ran:\n' +
        '  - redis at redis://:****@localhost:6380 (from DBC_REDIS_URL): authentication failed; the server answered: ' +
        'WRONGPASS invalid username-password pair or user is disabled. Check the password in DBC_REDIS_URL.\n' +
        'Fix the URL or the server and run again (without a URL, the store runs in a container).',
    );
    expect([one.name, one.store, one.source, one.target, one.answer]).toEqual([
      'ExternalServiceError',
      'redis',
      'DBC_REDIS_URL',
      'redis://:****@localhost:6380',
      redis.answer,
    ]);

    const qdrant: errors.ExternalServiceFailure = {
      store: 'qdrant',
      source: 'fixtures.qdrant.url',
      target: 'http://localhost:1',
      problem: 'no server answered',
      answer: 'connect ECONNREFUSED 127.0.0.1:1',
      answeredBy: 'connection',
      hint: 'Start the server or fix the port.',
    };
    const two = new errors.ExternalServiceError([redis, qdrant]);
    expect(two.message.split('\n')[0]).toBe('The 2 external servers failed the check before any test ran:');
    expect(two.message.split('\n')[2]).toBe(
      '  - qdrant at http://localhost:1 (from fixtures.qdrant.url): no server answered; the connection reported: ' +
        'connect ECONNREFUSED 127.0.0.1:1. Start the server or fix the port.',
    );
    expect(two.store).toBeUndefined();
    expect(two.failures).toHaveLength(2);
  });

  it('TransactionStrategyError, WorkerLimitError, IsolationLeakError', () => {
    const tx = new errors.TransactionStrategyError(1500);
    expect(tx.message).toMatch(
      /^A PostgreSQL statement waited 1500 ms for the test's connection, held by an open interactive transaction\. /,
    );
    expect(tx.message).toContain("use the 'truncate' strategy for this test or file.");
    expect([tx.name, tx.store]).toEqual(['TransactionStrategyError', 'postgres']);

    const limit = new errors.WorkerLimitError('redis', 17, 16, { path: 'redis.databases', value: 17 });
    expect(limit.message).toBe(
      'Test worker 17 is beyond the 16 workers redis was set up for. Each worker needs a Redis logical database ' +
        '(db 0 is left alone): lower maxWorkers, or raise redis.databases in the fixture config (now 17).',
    );
    expect(limit.name).toBe('WorkerLimitError');

    const leak = new errors.IsolationLeakError('writes a user', {
      postgres: ['User (1 row)'],
      redis: ['cart:1', 'cart:2'],
    });
    expect(leak.message.split('\n').slice(0, 3)).toEqual([
      '"writes a user" left data behind after its reset:',
      '  - postgres: User (1 row)',
      '  - redis: cart:1, cart:2',
    ]);
    expect(leak.message).toMatch(/The data was removed at the end of the file\.$/);
    expect([leak.name, leak.leaks]).toEqual([
      'IsolationLeakError',
      { postgres: ['User (1 row)'], redis: ['cart:1', 'cart:2'] },
    ]);
  });

  it('ResetLockTimeoutError names the tables, the holders and the strategies', () => {
    const error = new errors.ResetLockTimeoutError({
      test: 'orders > cancels',
      strategy: 'truncate',
      previousStrategy: 'transaction',
      tables: ['"Order"', '"Order_id_seq"'],
      holders: [
        { pid: 4242, applicationName: 'psql', state: 'idle in transaction', query: 'SELECT * FROM "Order"' },
      ],
      waitedMs: 5000,
      cause: refused,
    });
    expect(error.message).toBe(
      `The 'truncate' reset of "orders > cancels" after a 'transaction' test waited 5000 ms for a lock on "Order", "Order_id_seq" ` +
        'and gave up, held by: pid 4242 (psql, idle in transaction: SELECT * FROM "Order"). ' +
        'A connection left open in a transaction (idle in transaction) blocks the reset: commit or roll back and close ' +
        "the connections your test opens, or use the 'transaction' strategy for this test. If the holder is " +
        'database-config:file-transaction, this is a bug of database-config: please report it with this message.',
    );
    expect([
      error.name,
      error.test,
      error.strategy,
      error.previousStrategy,
      error.waitedMs,
      error.cause,
    ]).toEqual(['ResetLockTimeoutError', 'orders > cancels', 'truncate', 'transaction', 5000, refused]);

    const bare = new errors.ResetLockTimeoutError({
      test: 't',
      strategy: 'drop',
      tables: [],
      holders: [{ pid: 1, applicationName: '', state: 'active', query: 'VACUUM' }],
      waitedMs: 10,
    });
    expect(bare.message).toMatch(
      /^The 'drop' reset of "t" waited 10 ms for a lock on the worker database and gave up, held by: pid 1 \(no application_name, active: VACUUM\)\. /,
    );
    const nobody = new errors.ResetLockTimeoutError({
      test: 't',
      strategy: 'truncate',
      tables: ['"A"'],
      holders: [],
      waitedMs: 1,
    });
    expect(nobody.message).toContain('held by: no session holds it now.');
    expect(nobody.previousStrategy).toBeUndefined();
  });

  it('FixturesNotSetUpError and SchemaMismatchError', () => {
    const setup = new errors.FixturesNotSetUpError('databaseTest()', 'vitest');
    expect(setup.message).toMatch(
      /^databaseTest\(\) found no database stack: the database-config setup did not run for this test file\. Add the plugin to the Vitest project/,
    );
    expect([setup.name, setup.call, setup.runner, setup.message.endsWith(setup.fix)]).toEqual([
      'FixturesNotSetUpError',
      'databaseTest()',
      'vitest',
      true,
    ]);

    const few = new errors.SchemaMismatchError('dbc_w1', ['table "Review" is missing']);
    expect(few.message).toBe(
      'The Prisma client does not match the migrated database dbc_w1: table "Review" is missing. ' +
        'The client was generated from another schema than the migrations in fixtures.postgres.migrations: ' +
        'run `prisma generate`, or point the migrations at the folder of this schema.',
    );
    const many = new errors.SchemaMismatchError(
      'dbc_w1',
      Array.from({ length: 12 }, (_, i) => `column ${i}`),
    );
    expect(many.message).toContain('column 8; column 9; and 2 more. ');
    expect(many.message).not.toContain('column 10');
    expect(many.problems).toHaveLength(12);
  });

  it('factory errors: cycle, unique collision, vector size, definition', () => {
    const cycle = new errors.FactoryCycleError(['user', 'order', 'user']);
    expect(cycle.message).toMatch(
      /^Association cycle between factories: user -> order -> user\. create\(\) makes/,
    );
    expect([cycle.name, cycle.chain]).toEqual(['FactoryCycleError', ['user', 'order', 'user']]);

    const unique = new errors.FactoryUniqueCollisionError(
      'postgres',
      'user',
      ['email'],
      new Error('Unique constraint failed on the fields: (`email`)'),
    );
    expect(unique.message).toMatch(
      /^create\(\) of the "user" factory hit a unique constraint on \(email\): Unique constraint failed on the fields: \(`email`\)\. Factory sequences restart at 1/,
    );
    expect(unique.message).toContain('(user.params({ ... }) or create({ ... }))');
    const unnamed = new errors.FactoryUniqueCollisionError(
      'mongodb',
      'Review',
      [],
      'E11000 duplicate key error',
    );
    expect(unnamed.message).toMatch(
      /^create\(\) of the "Review" factory hit a unique constraint: E11000 duplicate key error\. /,
    );
    expect([unnamed.store, unnamed.fields]).toEqual(['mongodb', []]);

    const size = new errors.QdrantVectorSizeError('products', undefined, 384, 3);
    expect(size.message).toBe(
      'The vector of a point for the Qdrant collection "products" has 3 dimensions, but the collection\'s schema says 384: ' +
        'make the factory produce vectors of size 384 (or fix the size given to qdrantFactory / the collection schema).',
    );
    expect([size.name, size.collection, size.expected, size.actual]).toEqual([
      'QdrantVectorSizeError',
      'products',
      384,
      3,
    ]);
    expect(new errors.QdrantVectorSizeError('docs', 'title', 8, 4).message).toMatch(
      /^The vector "title" of a point for the Qdrant collection "docs" has 4/,
    );

    const definition = new errors.FactoryDefinitionError('user', {
      kind: 'unknown-trait',
      trait: 'admin',
      traits: ['active'],
    });
    expect([definition.name, definition.message, definition.factory, definition.store]).toEqual([
      'FactoryDefinitionError',
      'Factory "user": unknown trait "admin"; its traits are active.',
      'user',
      undefined,
    ]);
    expect(
      new errors.FactoryDefinitionError('User', { kind: 'unknown-prisma-model', model: 'User' }).store,
    ).toBe('postgres');
  });

  it('describeCause takes the last line, the first of an AggregateError, a name or a code', () => {
    const prisma = new Error(
      '\nInvalid `prisma.user.create()` invocation:\n\n\nAuthentication failed against the database server.\n',
    );
    expect(errors.describeCause(prisma)).toBe('Authentication failed against the database server');
    expect(errors.describeCause(new AggregateError([refused, new Error('second')], 'all failed'))).toBe(
      'connect ECONNREFUSED 127.0.0.1:5432',
    );
    expect(errors.describeCause(new AggregateError([], 'none left.'))).toBe('none left');
    const unnamed = new Error('');
    expect(errors.describeCause(unnamed)).toBe('Error');
    const coded = Object.assign(new Error(''), { name: '', code: 'ECONNRESET' });
    expect(errors.describeCause(coded)).toBe('ECONNRESET');
    expect(errors.describeCause('plain text.')).toBe('plain text');
    expect(errors.describeCause(42)).toBe('42');
  });
});
