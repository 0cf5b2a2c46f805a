// The wording of every error is part of the contract: each exported class (and each of its reason
// kinds), built from representative fields the way the library builds it, with its name and whole
// message snapshotted. Targets go through maskUrl as at the throw sites, so the snapshots show that
// no password reaches a message.
import { describe, expect, it } from 'vitest';
import { errors, maskUrl } from 'database-config';

const SECRET = 's3cr3t-pa55';
const pgUrl = maskUrl(`postgresql://app:${SECRET}@db.internal:5432/app`);
const redisUrl = maskUrl(`redis://:${SECRET}@cache:6379/0`);
const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });

/** Every exported class, with one or more representative instances. */
const CASES: Record<string, () => errors.DatabaseConfigError[]> = {
  DatabaseConfigError: () => [new errors.DatabaseConfigError('base message', { store: 'redis' })],
  ConfigValidationError: () => [
    new errors.ConfigValidationError([
      {
        store: 'postgres',
        source: 'DATABASE_URL',
        problem: `"${pgUrl}" has no database`,
        example: 'postgresql://…/app',
      },
      { store: 'options', source: 'DBC_REUSE', problem: '"yes" is not a boolean', example: 'DBC_REUSE=true' },
    ]),
  ],
  ConnectionError: () => [
    new errors.ConnectionError('postgres', pgUrl, 3, refused, 'Check that PostgreSQL is running.'),
  ],
  CircuitOpenError: () => [new errors.CircuitOpenError('redis', 10_000, refused)],
  OperationTimeoutError: () => [
    new errors.OperationTimeoutError('redis', 'health check', redisUrl, 2000, 'healthTimeoutMs'),
  ],
  InvalidPrismaClientError: () => [
    new errors.InvalidPrismaClientError(
      'DatabaseManager({ prismaClient })',
      'a client instance (PrismaClient)',
    ),
  ],
  MigrationError: () => [
    new errors.MigrationError('postgres', '20240101_init/migration.sql', {
      kind: 'sql',
      path: '/app/prisma/migrations/20240101_init/migration.sql',
      message: 'syntax error at or near "TABLEE"',
      sqlstate: '42601',
      line: 3,
      column: 8,
    }),
    new errors.MigrationError('mongodb', '20240101-users.js', { kind: 'mongo', message: 'no such field x.' }),
    new errors.MigrationError('postgres', 'prisma migrate deploy', {
      kind: 'prisma-migrate-deploy',
      exitCode: 1,
      output: 'Error: getaddrinfo ENOTFOUND binaries.prisma.sh',
    }),
    new errors.MigrationError('postgres', 'template lock', {
      kind: 'template-lock',
      waited: '60s',
      lockKey: 4242,
    }),
    new errors.MigrationError('qdrant', 'collection "products"', {
      kind: 'qdrant-request',
      answer: 'fetch failed',
    }),
  ],
  CollectionSchemaConflictError: () => [
    new errors.CollectionSchemaConflictError('products', ['size 384 != 768']),
  ],
  HealthCheckError: () => [new errors.HealthCheckError('postgres', pgUrl, refused)],
  StoreNotConfiguredError: () => [
    new errors.StoreNotConfiguredError('qdrant', { kind: 'not-in-config' }),
    new errors.StoreNotConfiguredError('qdrant', { kind: 'not-in-fixture-config' }),
    new errors.StoreNotConfiguredError('redis', {
      kind: 'not-in-persist-with',
      factory: 'cart',
      client: 'redis',
    }),
    new errors.StoreNotConfiguredError('postgres', {
      kind: 'no-prisma-client-class',
      option: 'databaseTest({ prismaClient: PrismaClient })',
    }),
    new errors.StoreNotConfiguredError('mongodb', { kind: 'not-connected-by-nest', connected: ['redis'] }),
  ],
  StateError: () => [
    new errors.StateError({ operation: 'DatabaseManager.connect()', state: 'closed', allowed: ['new'] }),
    new errors.StateError({ operation: 'DatabaseManager.close()', state: 'connecting', allowed: ['new'] }),
    new errors.StateError({
      operation: 'DatabaseManager client',
      state: 'new',
      allowed: ['connected'],
      store: 'redis',
    }),
    new errors.StateError({
      operation: 'DatabaseMonitor.attachManager()',
      state: 'closed',
      allowed: ['open'],
    }),
    new errors.StateError({
      operation: 'Nest module bootstrap',
      state: 'failed',
      allowed: ['bootstrapping'],
      subject: 'RedisConfigModule',
    }),
    new errors.StateError({
      operation: 'Nest add-on start',
      state: 'no store connected',
      allowed: ['a store connected'],
      subject: 'DatabaseHealthModule',
    }),
    new errors.StateError({
      operation: 'factory create()',
      state: 'outside a test',
      allowed: ['a test'],
      subject: 'user',
    }),
    new errors.StateError({ operation: 'factory create()', state: 'outside a test', allowed: ['a test'] }),
    new errors.StateError({
      operation: 'useDatabases()',
      state: 'declared already',
      allowed: ['the top level'],
    }),
    new errors.StateError({
      operation: 'useIsolation()',
      state: 'inside a test or a hook',
      allowed: ['the top level of a test file or of a describe callback'],
    }),
    new errors.StateError({
      operation: 'test.override({ isolation })',
      state: 'given a fixture function',
      allowed: ['given the options object'],
    }),
  ],
  SetupError: () => [
    new errors.SetupError({ reason: 'jest-setup-not-run', variable: 'DBC_STACK' }),
    new errors.SetupError({
      reason: 'runner-file-missing',
      file: 'vitest-global-setup',
      nextTo: 'the plugin',
    }),
    new errors.SetupError({ reason: 'jest-global-setup-taken' }),
    new errors.SetupError({ reason: 'jest-config-file-missing', rootDir: '/srv/app' }),
    new errors.SetupError({
      reason: 'config-file-without-default',
      file: '/srv/app/database-fixtures.config.mjs',
    }),
    new errors.SetupError({
      reason: 'reuse-lock',
      file: '/tmp/database-config/reuse',
      cause: new Error('EACCES.'),
    }),
    new errors.SetupError({
      reason: 'start-lock',
      store: 'redis',
      file: '/tmp/database-config/reports/ab12cd34/start-redis',
      runId: 'ab12cd34',
      timeoutMs: 180_000,
      cause: new Error('Lock file is already being held'),
    }),
    new errors.SetupError({ reason: 'no-free-port', from: 20_000, to: 32_000 }),
    new errors.SetupError({ reason: 'factories-without-manager' }),
    new errors.SetupError({
      reason: 'nest-mongoose-token',
      expected: 'DatabaseConnection',
      actual: 'OtherConnection',
    }),
  ],
  MissingPeerDependencyError: () => [
    new errors.MissingPeerDependencyError('qdrant', '@qdrant/js-client-rest', refused),
    new errors.MissingPeerDependencyError(
      undefined,
      '@nestjs/terminus',
      refused,
      'DatabaseHealthModule (health indicators)',
    ),
  ],
  DockerUnavailableError: () => [
    new errors.DockerUnavailableError(
      `DOCKER_HOST=${maskUrl(`tcp://ops:${SECRET}@10.0.0.9:2375`)}`,
      new Error('connect ETIMEDOUT 10.0.0.9:2375'),
      maskUrl(`tcp://ops:${SECRET}@10.0.0.9:2375`),
    ),
  ],
  ContainerStartError: () => [
    new errors.ContainerStartError('postgres', 'postgres:17-alpine', 'See its logs.', 'exited (1)', [
      'FATAL: bad flag',
    ]),
  ],
  RemoteHostRefusedError: () => [new errors.RemoteHostRefusedError('postgres', 'db.internal:5432')],
  ExternalServiceError: () => [
    new errors.ExternalServiceError([
      {
        store: 'redis',
        source: 'DBC_REDIS_URL',
        target: redisUrl,
        problem: 'authentication failed',
        answer: 'WRONGPASS invalid username-password pair',
        answeredBy: 'server',
        hint: 'Check the password in DBC_REDIS_URL.',
      },
    ]),
  ],
  TransactionStrategyError: () => [new errors.TransactionStrategyError(1500)],
  WorkerLimitError: () => [
    new errors.WorkerLimitError('redis', 16, 15, { path: 'redis.databases', value: 16 }),
  ],
  IsolationLeakError: () => [new errors.IsolationLeakError('orders > creates', { redis: ['cart:1'] })],
  ResetLockTimeoutError: () => [
    new errors.ResetLockTimeoutError({
      test: 'orders > cancels',
      strategy: 'truncate',
      tables: ['"Order"'],
      holders: [{ pid: 42, applicationName: 'psql', state: 'idle in transaction', query: 'SELECT 1' }],
      waitedMs: 5000,
    }),
  ],
  FixturesNotSetUpError: () => [
    new errors.FixturesNotSetUpError('databaseTest()', 'vitest'),
    new errors.FixturesNotSetUpError('useDatabases()', 'jest'),
  ],
  SchemaMismatchError: () => [new errors.SchemaMismatchError('dbc_w1', ['table "Review" is missing'])],
  FactoryCycleError: () => [new errors.FactoryCycleError(['user', 'order', 'user'])],
  FactoryUniqueCollisionError: () => [
    new errors.FactoryUniqueCollisionError(
      'postgres',
      'user',
      ['email'],
      new Error('Unique constraint failed'),
    ),
  ],
  QdrantVectorSizeError: () => [new errors.QdrantVectorSizeError('products', 'title', 384, 3)],
  FactoryDefinitionError: () => [
    new errors.FactoryDefinitionError('user', {
      kind: 'unknown-trait',
      trait: 'admin',
      traits: ['active', 'banned'],
    }),
    new errors.FactoryDefinitionError('Usr', { kind: 'unknown-prisma-model', model: 'Usr' }),
    new errors.FactoryDefinitionError('Review', {
      kind: 'unknown-mongoose-model',
      model: 'Review',
      models: [],
    }),
    new errors.FactoryDefinitionError('cart', {
      kind: 'redis-record-shape',
      key: 'cart:1',
      forms: ['value', 'hash'],
    }),
    new errors.FactoryDefinitionError('scenario shop', {
      kind: 'unknown-scenario',
      scenario: 'shop',
      scenarios: ['empty'],
    }),
  ],
  MonitorAttachError: () => [
    new errors.MonitorAttachError({ kind: 'foreign-prisma-client' }),
    new errors.MonitorAttachError({ kind: 'already-watched', target: 'manager', by: 'this' }),
    new errors.MonitorAttachError({
      kind: 'already-watched',
      target: 'client',
      by: 'another',
      store: 'redis',
    }),
    new errors.MonitorAttachError({ kind: 'already-watched', target: 'prisma-client', by: 'another' }),
    new errors.MonitorAttachError({ kind: 'second-store', store: 'redis', via: 'manager' }),
    new errors.MonitorAttachError({ kind: 'second-store', store: 'redis', via: 'client' }),
  ],
};

const shown = (name: string) =>
  CASES[name]!().map((error) => {
    expect(error.name).toBe(name);
    expect(error.message).not.toContain(SECRET);
    return `${error.name}: ${error.message}`;
  });

describe('error message snapshots', () => {
  it('every exported error class has a case here', () => {
    const exported = Object.entries(errors)
      .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Error)
      .map(([name]) => name);
    expect(Object.keys(CASES).sort()).toEqual(exported.sort());
  });

  it.each(Object.keys(CASES))('%s', (name) => {
    expect(shown(name)).toMatchSnapshot();
  });
});
