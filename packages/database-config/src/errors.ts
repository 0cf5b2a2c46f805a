// Every error this library throws. Each names the store, keeps the values involved as fields
// (secrets masked) and says in its message what to do next.
import type { StoreName } from './stores.js';

/** Base class: `instanceof DatabaseConfigError` catches every error of this library. */
export class DatabaseConfigError extends Error {
  override name = 'DatabaseConfigError';
  /** The store involved, when there is one. */
  readonly store: StoreName | undefined;

  constructor(message: string, options: { store?: StoreName; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.store = options.store;
  }
}

/** One problem found while validating configuration. */
export interface ConfigIssue {
  /** The store the setting belongs to. */
  store: StoreName | 'options';
  /** The environment variable (e.g. `DATABASE_URL`) or option path (e.g. `options.redis.db`). */
  source: string;
  /** What is wrong, with the offending value (masked when secret). */
  problem: string;
  /** A valid value, to copy. */
  example: string;
}

/** Configuration is invalid; lists every problem found, not just the first. */
export class ConfigValidationError extends DatabaseConfigError {
  override name = 'ConfigValidationError';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const lines = issues.map((i) => `  - ${i.store} ${i.source}: ${i.problem} (example: ${i.example})`);
    super(
      `Invalid database configuration, ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${lines.join('\n')}\n` +
        'Fix these environment variables or options and start again.',
    );
    this.issues = issues;
  }
}

/** A store could not be reached or refused the connection. */
export class ConnectionError extends DatabaseConfigError {
  override name = 'ConnectionError';
  /** The target, secrets masked (e.g. `postgresql://app:****@db:5432/app`). */
  readonly target: string;
  readonly attempts: number;

  constructor(store: StoreName, target: string, attempts: number, cause: unknown, hint: string) {
    super(
      `Could not connect to ${store} at ${target} after ${attempts} attempt${attempts === 1 ? '' : 's'}: ` +
        `${describeCause(cause)}. ${hint}`,
      { store, cause },
    );
    this.target = target;
    this.attempts = attempts;
  }
}

/**
 * A store's circuit breaker is open after repeated failures (connection errors and timeouts); calls
 * fail fast until it half-opens. `cause` is the last failure that counted.
 */
export class CircuitOpenError extends DatabaseConfigError {
  override name = 'CircuitOpenError';
  /** Milliseconds after opening at which one call is let through again. */
  readonly halfOpenAfterMs: number;

  constructor(store: StoreName, halfOpenAfterMs: number, cause?: unknown) {
    const last = cause === undefined ? '' : ` (last failure: ${describeCause(cause)})`;
    super(
      `The circuit breaker for ${store} is open after repeated failures${last}; calls fail fast for ${halfOpenAfterMs} ms after it opened, then one call is let through to test the server. ` +
        `Check the ${store} server, then retry.`,
      { store, cause },
    );
    this.halfOpenAfterMs = halfOpenAfterMs;
  }
}

/**
 * A call to a store (a health check or an operation run through `DatabaseManager.execute`) got no
 * answer within its bound; it counts as a failure towards opening the store's circuit breaker.
 */
export class OperationTimeoutError extends DatabaseConfigError {
  override name = 'OperationTimeoutError';
  /** What was called, e.g. `health check` or `operation`. */
  readonly operation: string;
  /** The target, secrets masked. */
  readonly target: string;
  readonly timeoutMs: number;

  constructor(store: StoreName, operation: string, target: string, timeoutMs: number, option: string) {
    super(
      `The ${operation} of ${store} at ${target} got no answer within ${timeoutMs} ms (${option}). ` +
        `The server may be hung or overloaded: check it; raise ${option} if such calls are expected to take longer.`,
      { store },
    );
    this.operation = operation;
    this.target = target;
    this.timeoutMs = timeoutMs;
  }
}

/** What was given where a generated Prisma client class is expected is not a class. */
export class InvalidPrismaClientError extends DatabaseConfigError {
  override name = 'InvalidPrismaClientError';
  /** The option or argument, e.g. `DatabaseManager({ prismaClient })`. */
  readonly option: string;
  /** What was given, e.g. `an object (Object)`. */
  readonly given: string;

  constructor(option: string, given: string) {
    super(
      `${option} must be your generated Prisma client class, but ${given} was given. ` +
        "Pass the class itself, not an instance or the module: import { PrismaClient } from './generated/prisma/client.js' " +
        '(the output of the prisma-client generator in your schema) and pass PrismaClient.',
      { store: 'postgres' },
    );
    this.option = option;
    this.given = given;
  }
}

/** How a migration failed (see {@link MigrationError}), with its facts; the wording of each lives here. */
export type MigrationProblem =
  /** A statement of a SQL migration file failed; `line`/`column` when the server gave a position. */
  | { kind: 'sql'; path: string; message: string; sqlstate?: string; line?: number; column?: number }
  /** A migrate-mongo migration failed. */
  | { kind: 'mongo'; message: string }
  /** `prisma migrate deploy` exited non-zero; `output` is its last lines. */
  | { kind: 'prisma-migrate-deploy'; exitCode: number; output: string }
  /** Another process held the template builders' advisory lock longer than `waited`. */
  | { kind: 'template-lock'; waited: string; lockKey: number }
  /** Qdrant refused or did not answer a request; `answer` is what it (or the connection) said. */
  | { kind: 'qdrant-request'; answer: string }
  /** An existing Qdrant collection differs from its schema (see {@link CollectionSchemaConflictError}). */
  | { kind: 'qdrant-schema-conflict'; differences: readonly string[] };

function migrationProblem(p: MigrationProblem): string {
  switch (p.kind) {
    case 'sql': {
      const where = p.line === undefined ? '' : `line ${p.line}, column ${p.column ?? 1}: `;
      const code = p.sqlstate ? ` (SQLSTATE ${p.sqlstate})` : '';
      return `${where}${p.message}${code}. No template was kept; fix ${p.path} and run again.`;
    }
    case 'mongo':
      return `${p.message.replace(/\.+$/, '')}. No template was kept; fix the migration and run again.`;
    case 'prisma-migrate-deploy':
      return `exited with ${p.exitCode}: ${p.output}. Where the Prisma engine cannot be downloaded, use { migrate: 'sql' } (the default).`;
    case 'template-lock':
      return (
        `waited ${p.waited} for the lock another process holds while it builds templates on this server ` +
        `(pg_advisory_lock(${p.lockKey})). Wait for that run to finish, or end its session ` +
        `(SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = ${p.lockKey}), and run again.`
      );
    case 'qdrant-request':
      return `${p.answer}. Check QDRANT_URL and the collection schema.`;
    case 'qdrant-schema-conflict':
      return (
        `the existing collection differs from its schema (${p.differences.join('; ')}). ` +
        'It was left untouched: change the schema to match, or delete the collection (losing its points) and run again.'
      );
  }
}

/** A migration (SQL, migrate-mongo or a Qdrant collection) failed; `problem` says how. */
export class MigrationError extends DatabaseConfigError {
  override name = 'MigrationError';
  /** The migration file or collection that failed. */
  readonly migration: string;
  readonly problem: MigrationProblem;

  constructor(store: StoreName, migration: string, problem: MigrationProblem, cause?: unknown) {
    super(`Migration ${migration} failed on ${store}: ${migrationProblem(problem)}`, { store, cause });
    this.migration = migration;
    this.problem = problem;
  }
}

/** An existing Qdrant collection differs from its schema; it is never recreated silently. */
export class CollectionSchemaConflictError extends MigrationError {
  override name = 'CollectionSchemaConflictError';
  readonly collection: string;
  readonly differences: readonly string[];

  constructor(collection: string, differences: readonly string[]) {
    super('qdrant', `collection "${collection}"`, { kind: 'qdrant-schema-conflict', differences });
    this.collection = collection;
    this.differences = differences;
  }
}

/** A health check found a store down. */
export class HealthCheckError extends DatabaseConfigError {
  override name = 'HealthCheckError';
  readonly target: string;

  constructor(store: StoreName, target: string, cause: unknown) {
    super(
      `Health check of ${store} at ${target} failed: ${describeCause(cause)}. Check that the server is up.`,
      {
        store,
        cause,
      },
    );
    this.target = target;
  }
}

/**
 * Why a store's client is not available (see {@link StoreNotConfiguredError}); the wording of each
 * lives here.
 */
export type StoreNotConfiguredReason =
  /** Its variables are not set, or the config's `stores` leave it out (production config). */
  | { kind: 'not-in-config' }
  /** A test used the store's fixture, but the fixture config has no entry for it. */
  | { kind: 'not-in-fixture-config' }
  /** A factory ran under `persistWith(clients)` without this store's client. */
  | { kind: 'not-in-persist-with'; factory: string; client: string }
  /** The `prisma` fixture was used, but the fixtures were given no Prisma client class. */
  | { kind: 'no-prisma-client-class'; option: string }
  /** The NestJS health indicator was asked for a store no (global) module connects. */
  | { kind: 'not-connected-by-nest'; connected: readonly StoreName[] };

function storeNotConfigured(store: StoreName, reason: StoreNotConfiguredReason): string {
  switch (reason.kind) {
    case 'not-in-config':
      return `${store} is not configured. Set its variables (see loadDatabaseConfig) or include '${store}' in the config's stores.`;
    case 'not-in-fixture-config':
      return (
        `${store} is not configured. A test used the ${store} fixture, but the fixture config has no ${store} entry: ` +
        `add \`${store}: {}\` to databaseFixtures({...}) (or the Jest preset's config).`
      );
    case 'not-in-persist-with':
      return (
        `${store} is not configured. create() of the "${reason.factory}" factory ran under persistWith(clients) without a ${reason.client} client: ` +
        `add \`${reason.client}\` to the clients given to persistWith() / TestDataManager.seed().`
      );
    case 'no-prisma-client-class':
      return `${store} is not configured with a Prisma client class, which the prisma client is made from: pass ${reason.option} (your generated client class).`;
    case 'not-connected-by-nest':
      return (
        `${store} is not configured. DatabaseHealthIndicator.isHealthy('${store}') found no module connecting ${store}: ` +
        `import a global ${store} module (see getDatabaseToken('${store}')) in the app. Connected: ${reason.connected.join(', ') || 'none'}.`
      );
  }
}

/** A client was asked for a store that is not configured; `reason` says where it is missing. */
export class StoreNotConfiguredError extends DatabaseConfigError {
  override name = 'StoreNotConfiguredError';
  readonly reason: StoreNotConfiguredReason;

  constructor(store: StoreName, reason: StoreNotConfiguredReason) {
    super(storeNotConfigured(store, reason), { store });
    this.reason = reason;
  }
}

/**
 * The calls a {@link StateError} can refuse; each has its wording (what to do next) here.
 * `DatabaseManager.close()` is the `close()` that ended a `connect()` under way.
 */
export type StateOperation =
  | 'DatabaseManager.connect()'
  | 'DatabaseManager.close()'
  | 'DatabaseManager client'
  | 'DatabaseMonitor.attachManager()'
  | 'DatabaseMonitor.attachClients()'
  | 'Nest module bootstrap'
  | 'Nest add-on start'
  | 'factory create()'
  | 'useDatabases()'
  | 'useIsolation()'
  | 'test.override({ isolation })'
  /** A {@link SetupError}: `state` is its reason, the wording its problem's. */
  | 'setup';

/** What a {@link StateError} reports: the call, the state it found, the states it is allowed in. */
export interface StateErrorFields {
  operation: StateOperation;
  /** The state the call found, e.g. `closed`, `outside a test`. */
  state: string;
  /** The states the call is allowed in, e.g. `['idle']`. */
  allowed: readonly string[];
  /** The store whose client was asked for (`DatabaseManager client`). */
  store?: StoreName;
  /** The problem of a {@link SetupError} (`setup`). */
  problem?: SetupProblem;
  /** The factory (`factory create()`) or the Nest module (`Nest module bootstrap`, `Nest add-on start`) involved. */
  subject?: string;
}

/** What each NestJS add-on module does with the connected stores, for its `Nest add-on start` error. */
const NEST_ADD_ON_USE: Record<string, string> = {
  DatabaseHealthModule: 'the health indicators',
  DatabaseMonitorModule: 'the monitor',
};

function stateMessage(f: StateErrorFields): string {
  switch (f.operation) {
    case 'DatabaseManager.connect()':
      return `connect() was called on a manager that is ${f.state}; create a new DatabaseManager.`;
    case 'DatabaseManager.close()':
      return 'close() was called while connect() was under way; the stores that connected were closed again. Create a new DatabaseManager to connect.';
    case 'DatabaseManager client':
      return `The ${f.store ?? 'store'} client was read while the manager is ${f.state}; await manager.connect() first.`;
    case 'DatabaseMonitor.attachManager()':
    case 'DatabaseMonitor.attachClients()':
      return `${f.operation.slice('DatabaseMonitor.'.length)} was called on a ${f.state} DatabaseMonitor; create a new one.`;
    case 'Nest module bootstrap':
      return `${f.subject ?? 'A database module'} did not stay connected: the application's bootstrap had already failed (see the first error).`;
    case 'Nest add-on start':
      return (
        `${f.subject ?? 'The module'} found no connected store: import DatabaseConfigModule.forRoot() or a per-store module (RedisConfigModule.forRoot()...) ` +
        `in the app, with isGlobal: true (the default), so its stores are visible to ${NEST_ADD_ON_USE[f.subject ?? ''] ?? 'it'}.`
      );
    case 'factory create()':
      return (
        `create()${f.subject === undefined ? '' : ` of the "${f.subject}" factory`} ran ${f.state}: factories persist through the running test's clients. ` +
        'Call create() inside a test (or a beforeAll) of a file using the database fixtures; use build() for an object ' +
        'that is not saved; or, outside tests (seed scripts), wrap the calls in persistWith(clients, fn) or ' +
        'TestDataManager.seed(clients, ...).'
      );
    case 'useDatabases()':
      return 'useDatabases() is called once per test file, at its top level (not inside a test or a hook): the preset scopes the file from its first beforeAll.';
    case 'useIsolation()':
      return (
        'useIsolation() is called at the top level of a test file or of a describe callback, where Jest collects the tests ' +
        '(not inside a test or a hook); for one test, wrap its function: test(name, withIsolation(options, fn)).'
      );
    case 'test.override({ isolation })':
      return "test.override({ isolation }) takes the options object itself, e.g. { postgres: 'truncate' }, not a fixture function.";
    case 'setup':
      return f.problem ? setupMessage(f.problem) : `The database-config setup is incomplete (${f.state}).`;
  }
}

/**
 * A call was made in a lifecycle state that does not allow it (a client read before `connect()`, a
 * factory's `create()` outside a test...). Setup and install problems are {@link SetupError}s.
 */
export class StateError extends DatabaseConfigError {
  override name = 'StateError';
  readonly operation: StateOperation;
  readonly state: string;
  readonly allowed: readonly string[];

  constructor(fields: StateErrorFields) {
    const cause = fields.problem && 'cause' in fields.problem ? fields.problem.cause : undefined;
    super(stateMessage(fields), {
      ...(fields.store ? { store: fields.store } : {}),
      ...(cause === undefined ? {} : { cause }),
    });
    this.operation = fields.operation;
    this.state = fields.state;
    this.allowed = fields.allowed;
  }
}

/** A setup or install problem a {@link SetupError} reports, with its facts; the wording of each lives here. */
export type SetupProblem =
  /** The Jest globalSetup did not hand the workers `variable` (the preset is missing). */
  | { reason: 'jest-setup-not-run'; variable: string }
  /** A file the runner needs is missing next to the library's build (a broken install). */
  | { reason: 'runner-file-missing'; file: string; nextTo: string }
  /** `withDatabaseFixtures()` was given a Jest config with its own globalSetup or globalTeardown. */
  | { reason: 'jest-global-setup-taken' }
  /** No `database-fixtures.config.*` was found for Jest. */
  | { reason: 'jest-config-file-missing'; rootDir: string }
  /** The fixture config file has no default export. */
  | { reason: 'config-file-without-default'; file: string }
  /** The reuse lock of the stack (`DBC_REUSE`) could not be taken. */
  | { reason: 'reuse-lock'; file: string; cause: unknown }
  /** A store left for later (`start: 'used'`) could not be started on demand: another worker held its start lock too long. */
  | { reason: 'start-lock'; store: StoreName; file: string; runId: string; timeoutMs: number; cause: unknown }
  /** No free host port could be reserved for a store left for later. */
  | { reason: 'no-free-port'; from: number; to: number }
  /** The `factories` fixture was used without a TestDataManager given to `databaseTest()`. */
  | { reason: 'factories-without-manager' }
  /** `@nestjs/mongoose` names its connection otherwise than this version expects. */
  | { reason: 'nest-mongoose-token'; expected: string; actual: string };

/** How to give Jest the fixture config, for the Jest setup messages. */
const HOW_TO_CONFIGURE_JEST =
  "add database-fixtures.config.mjs next to your Jest config (export default defineDatabaseFixtures({ postgres: { migrations: './prisma/migrations' }, redis: {} })), " +
  "or wrap your Jest config with withDatabaseFixtures(config, { ... }) from 'database-config-testing/jest'.";

function setupMessage(p: SetupProblem): string {
  switch (p.reason) {
    case 'jest-setup-not-run':
      return `${p.variable} is not set: the database-config globalSetup did not run. Use preset: 'database-config-testing' and ${HOW_TO_CONFIGURE_JEST}`;
    case 'runner-file-missing':
      return `database-config: ${p.file} is missing next to ${p.nextTo}; reinstall database-config-testing.`;
    case 'jest-global-setup-taken':
      return (
        'withDatabaseFixtures() sets globalSetup and globalTeardown; call your own from a setup file, or start the stack with startDatabaseStack() in yours. ' +
        "(startDatabaseStack() is the preset's globalSetup: import { globalSetup, globalTeardown } from 'database-config-testing/jest-preset' and call both from your own.)"
      );
    case 'jest-config-file-missing':
      return `database-config: no fixture config for Jest in ${p.rootDir} or the folders above it up to the package root: ${HOW_TO_CONFIGURE_JEST}`;
    case 'config-file-without-default':
      return `database-config: ${p.file} has no default export; export default defineDatabaseFixtures({ ... }).`;
    case 'reuse-lock':
      return `Could not take the reuse lock ${p.file}.lock: ${describeCause(p.cause)}. Remove it if no test run is active.`;
    case 'start-lock':
      return (
        `Could not start ${p.store} on demand: the lock ${p.file}.lock, held by another worker of run ${p.runId} starting it, was not free within ${p.timeoutMs / 1000} s (${describeCause(p.cause)}). ` +
        "Start every store with the others instead (DBC_START=all, or start: 'all' in the fixture config), or remove the lock if no run is active."
      );
    case 'no-free-port':
      return `Found no free host port between ${p.from} and ${p.to} for a store started on demand: set fixtures.<store>.port, or start every store with the others (DBC_START=all).`;
    case 'factories-without-manager':
      return 'The factories fixture needs your TestDataManager: databaseTest({ factories: testData }).';
    case 'nest-mongoose-token':
      return `@nestjs/mongoose names the connection "${p.actual}", not "${p.expected}": this version of @nestjs/mongoose is not supported by mongooseConnection.`;
  }
}

/**
 * The library is set up or installed in a way it cannot run with (a runner's setup missing, a file
 * of the install missing, a lock not taken...). `reason` says which; the other fields are its facts.
 * It extends {@link StateError} only so that code catching `StateError` for these problems (as
 * before this class existed) keeps working; catch `SetupError` for them.
 */
export class SetupError extends StateError {
  override name = 'SetupError';
  readonly reason: SetupProblem['reason'];
  readonly problem: SetupProblem;

  constructor(problem: SetupProblem) {
    super({ operation: 'setup', state: problem.reason, allowed: [], problem });
    this.reason = problem.reason;
    this.problem = problem;
  }
}

/** A peer dependency needed for a store (or a feature, e.g. the NestJS health indicators) is not installed. */
export class MissingPeerDependencyError extends DatabaseConfigError {
  override name = 'MissingPeerDependencyError';
  readonly packageName: string;
  /** What needs the package when it is not one store, e.g. `DatabaseHealthModule (health indicators)`. */
  readonly usedBy: string | undefined;

  constructor(store: StoreName | undefined, packageName: string, cause: unknown, usedBy?: string) {
    super(
      `${usedBy ?? store ?? 'database-config'} needs the package "${packageName}", which is not installed: run npm install ${packageName}`,
      {
        ...(store ? { store } : {}),
        cause,
      },
    );
    this.packageName = packageName;
    this.usedBy = usedBy;
  }
}

/** The message of an unknown thrown value, for embedding in ours. */
export function describeCause(cause: unknown): string {
  if (cause instanceof AggregateError && cause.errors.length > 0) return describeCause(cause.errors[0]);
  if (cause instanceof Error) {
    // Prisma puts the call site first and the server's words on the last line.
    const lines = cause.message.split('\n').filter((line) => line.trim() !== '');
    const last = lines.at(-1)?.trim().replace(/\.+$/, '');
    return last || cause.name || String((cause as { code?: string }).code);
  }
  return String(cause).replace(/\.+$/, '');
}

/**
 * No container runtime answered; raised before any test runs. With DOCKER_HOST set, that engine
 * is the only one tried: pointing at an engine that is down never falls back to the local one.
 */
export class DockerUnavailableError extends DatabaseConfigError {
  override name = 'DockerUnavailableError';
  /** What was tried, e.g. `DOCKER_HOST=unix:///tmp/no-such.sock (socket /tmp/no-such.sock does not exist)`. */
  readonly tried: string;
  /** DOCKER_HOST when it was set (masked), the only engine tried then. */
  readonly dockerHost: string | undefined;

  constructor(tried: string, cause: unknown, dockerHost?: string) {
    const stores =
      'or run the stores yourself and set DBC_POSTGRES_URL, DBC_MONGODB_URL, DBC_REDIS_URL, DBC_QDRANT_URL ' +
      '(or `url` per store in the fixture config) to use them instead of containers.';
    super(
      dockerHost === undefined
        ? `No container runtime is reachable (tried ${tried}): ${describeCause(cause)}.\n` +
            `Ways out: start Docker (or Podman with its Docker socket); or point DOCKER_HOST at a remote engine; ${stores}`
        : `The container runtime DOCKER_HOST names does not answer (tried ${tried}): ${describeCause(cause)}.\n` +
            'database-config uses no other engine while DOCKER_HOST is set. Ways out: start that engine, or correct DOCKER_HOST ' +
            `(e.g. unix:///var/run/docker.sock, tcp://host:2375; TLS with DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH); or unset DOCKER_HOST to use the local engine; ${stores}`,
      { cause },
    );
    this.tried = tried;
    this.dockerHost = dockerHost;
  }
}

/**
 * A store's container could not start (image missing, port or name conflict, Docker stopping, the
 * server exiting at start...). `logs` holds the container's last log lines when it ran at all.
 */
export class ContainerStartError extends DatabaseConfigError {
  override name = 'ContainerStartError';
  readonly image: string;
  /** The container's last log lines (at most 20), oldest first; empty when it never ran. */
  readonly logs: readonly string[];

  constructor(store: StoreName, image: string, hint: string, cause: unknown, logs: readonly string[] = []) {
    const tail =
      logs.length > 0
        ? `\nLast ${logs.length} log line${logs.length === 1 ? '' : 's'} of the container (it is removed):\n${logs.map((l) => `  | ${l}`).join('\n')}`
        : '';
    super(`The ${store} container (${image}) did not start: ${describeCause(cause)}. ${hint}${tail}`, {
      store,
      cause,
    });
    this.image = image;
    this.logs = logs;
  }
}

/** External-services mode was pointed at a host that is not local without permission. */
export class RemoteHostRefusedError extends DatabaseConfigError {
  override name = 'RemoteHostRefusedError';

  constructor(store: StoreName, target: string) {
    super(
      `Refusing to run tests against ${store} at ${target}: the host is not local, and tests create and drop databases there. ` +
        'If this server is meant for tests, allow it with DBC_ALLOW_REMOTE=true or { allowRemote: true } in the fixture config.',
      { store },
    );
  }
}

/** One external server that failed its check before the tests (see {@link ExternalServiceError}). */
export interface ExternalServiceFailure {
  store: StoreName;
  /** Where the URL came from: the variable (`DBC_REDIS_URL`) or the config key (`fixtures.redis.url`). */
  source: string;
  /** The URL, secrets masked. */
  target: string;
  /** What failed, e.g. `authentication failed`. */
  problem: string;
  /** What the server answered, or the connection's error when nothing answered (see `answeredBy`). */
  answer: string;
  /** `server`: the server's own words; `connection`: the driver's error (refused, unknown host, timeout). */
  answeredBy: 'server' | 'connection';
  /** What to do about it. */
  hint: string;
}

/**
 * External-services mode: servers given by URL (`DBC_<STORE>_URL`, `fixtures.<store>.url`) were
 * checked once before any test (connect, authenticate, one request) and at least one failed.
 * Lists every failed store; `store`, `source`, `target` and `answer` are the first one's.
 */
export class ExternalServiceError extends DatabaseConfigError {
  override name = 'ExternalServiceError';
  readonly failures: readonly ExternalServiceFailure[];
  readonly source: string;
  readonly target: string;
  readonly answer: string;

  constructor(failures: readonly ExternalServiceFailure[]) {
    const [first] = failures as [ExternalServiceFailure];
    const lines = failures.map(
      (f) =>
        `  - ${f.store} at ${f.target} (from ${f.source}): ${f.problem}; ` +
        `${f.answeredBy === 'server' ? 'the server answered' : 'the connection reported'}: ${f.answer.replace(/\.+$/, '')}. ${f.hint}`,
    );
    const stores =
      failures.length === 1 ? `external ${first.store} server` : `${failures.length} external servers`;
    super(
      `The ${stores} failed the check before any test ran:\n${lines.join('\n')}\n` +
        'Fix the URL or the server and run again (without a URL, the store runs in a container).',
      { store: failures.length === 1 ? first.store : undefined },
    );
    this.failures = failures;
    this.source = first.source;
    this.target = first.target;
    this.answer = first.answer;
  }
}

/**
 * Under the `transaction` strategy a statement waited too long for the test's connection, which an
 * open interactive transaction held: code inside `$transaction` queried through the outer client.
 */
export class TransactionStrategyError extends DatabaseConfigError {
  override name = 'TransactionStrategyError';

  constructor(waitedMs: number) {
    super(
      `A PostgreSQL statement waited ${waitedMs} ms for the test's connection, held by an open interactive transaction. ` +
        "Under the 'transaction' reset strategy all statements of a test share one connection, so code inside " +
        '$transaction(async (tx) => ...) must query through `tx`, not the outer client. If the code under test does this on ' +
        "purpose (or commits on other connections), use the 'truncate' strategy for this test or file.",
      { store: 'postgres' },
    );
  }
}

/** Why a store gives each test worker a slot of its own (see {@link WorkerLimitError}). */
const WORKER_SLOT: Partial<Record<StoreName, string>> = {
  redis: 'Each worker needs a Redis logical database (db 0 is left alone)',
};

/**
 * A test worker's id is beyond what the stores were set up for: `option` is the fixture config
 * setting that bounds it (e.g. `redis.databases`), now `value`.
 */
export class WorkerLimitError extends DatabaseConfigError {
  override name = 'WorkerLimitError';
  readonly workerId: number;
  readonly limit: number;
  readonly option: string;

  constructor(store: StoreName, workerId: number, limit: number, option: { path: string; value: number }) {
    super(
      `Test worker ${workerId} is beyond the ${limit} workers ${store} was set up for. ` +
        `${WORKER_SLOT[store] ?? `Each worker needs its own ${store} slot`}: lower maxWorkers, or raise ${option.path} in the fixture config (now ${option.value}).`,
      { store },
    );
    this.workerId = workerId;
    this.limit = limit;
    this.option = option.path;
  }
}

/** A test left data behind that its reset strategy cannot undo (leak check). */
export class IsolationLeakError extends DatabaseConfigError {
  override name = 'IsolationLeakError';
  readonly leaks: Readonly<Record<string, readonly string[]>>;

  constructor(test: string, leaks: Record<string, string[]>) {
    const lines = Object.entries(leaks).map(([store, items]) => `  - ${store}: ${items.join(', ')}`);
    super(
      `"${test}" left data behind after its reset:\n${lines.join('\n')}\n` +
        "Under the 'transaction' strategy, writes through a connection of the test's own (a new pg client, another " +
        "process) are committed and escape the rollback: route them through the fixtures' clients, or use the 'truncate' " +
        'strategy for this test or file. The data was removed at the end of the file.',
    );
    this.leaks = leaks;
  }
}

/** A session holding a lock that a reset needed (from `pg_locks` / `pg_stat_activity`). */
export interface LockHolder {
  pid: number;
  /** `database-config:file-transaction` for the library's own connection, else the client's name. */
  applicationName: string;
  state: string;
  /** Its last statement, shortened. */
  query: string;
}

/**
 * A PostgreSQL reset waited longer than its lock timeout: a session (often a connection of the
 * test's own, left open in a transaction) holds a lock on the tables the reset empties. The reset
 * never waits forever.
 */
export class ResetLockTimeoutError extends DatabaseConfigError {
  override name = 'ResetLockTimeoutError';
  readonly test: string;
  readonly strategy: string;
  /** The strategy of the test before, in the same file (when another one). */
  readonly previousStrategy: string | undefined;
  readonly tables: readonly string[];
  readonly holders: readonly LockHolder[];
  readonly waitedMs: number;

  constructor(fields: {
    test: string;
    strategy: string;
    previousStrategy?: string;
    tables: string[];
    holders: LockHolder[];
    waitedMs: number;
    cause?: unknown;
  }) {
    const held =
      fields.holders.length > 0
        ? fields.holders
            .map(
              (h) => `pid ${h.pid} (${h.applicationName || 'no application_name'}, ${h.state}: ${h.query})`,
            )
            .join('; ')
        : 'no session holds it now';
    const after = fields.previousStrategy ? ` after a '${fields.previousStrategy}' test` : '';
    super(
      `The '${fields.strategy}' reset of "${fields.test}"${after} waited ${fields.waitedMs} ms for a lock on ` +
        `${fields.tables.join(', ') || 'the worker database'} and gave up, held by: ${held}. ` +
        'A connection left open in a transaction (idle in transaction) blocks the reset: commit or roll back and close ' +
        "the connections your test opens, or use the 'transaction' strategy for this test. If the holder is " +
        'database-config:file-transaction, this is a bug of database-config: please report it with this message.',
      { store: 'postgres', cause: fields.cause },
    );
    this.test = fields.test;
    this.strategy = fields.strategy;
    this.previousStrategy = fields.previousStrategy;
    this.tables = fields.tables;
    this.holders = fields.holders;
    this.waitedMs = fields.waitedMs;
  }
}

/** What adds each runner's setup, for {@link FixturesNotSetUpError}. */
const RUNNER_SETUP = {
  vitest:
    'Add the plugin to the Vitest project that runs this file: plugins: [databaseFixtures({ postgres: {}, ... })] ' +
    "in vitest.config.ts (import { databaseFixtures } from 'database-config-testing/vitest'); with test.projects, in " +
    'that project (or at the root with extends: true).',
  jest: "Use preset: 'database-config-testing' in the Jest config, or wrap it with withDatabaseFixtures(config, { ... }) from 'database-config-testing/jest'.",
} as const;

/** A runner's database fixtures were used in a project where the library's setup did not run. */
export class FixturesNotSetUpError extends DatabaseConfigError {
  override name = 'FixturesNotSetUpError';
  /** The call that needs the setup (e.g. `databaseTest()`). */
  readonly call: string;
  readonly runner: keyof typeof RUNNER_SETUP;
  /** What adds the setup. */
  readonly fix: string;

  constructor(call: string, runner: keyof typeof RUNNER_SETUP) {
    const fix = RUNNER_SETUP[runner];
    super(
      `${call} found no database stack: the database-config setup did not run for this test file. ${fix}`,
    );
    this.call = call;
    this.runner = runner;
    this.fix = fix;
  }
}

/** The Prisma client given to the fixtures does not match the migrated schema. */
export class SchemaMismatchError extends DatabaseConfigError {
  override name = 'SchemaMismatchError';
  readonly problems: readonly string[];

  constructor(database: string, problems: readonly string[]) {
    const shown =
      problems.slice(0, 10).join('; ') + (problems.length > 10 ? `; and ${problems.length - 10} more` : '');
    super(
      `The Prisma client does not match the migrated database ${database}: ${shown}. ` +
        'The client was generated from another schema than the migrations in fixtures.postgres.migrations: ' +
        'run `prisma generate`, or point the migrations at the folder of this schema.',
      { store: 'postgres' },
    );
    this.problems = problems;
  }
}

/** Parents declared by factories lead back to a factory already being created. */
export class FactoryCycleError extends DatabaseConfigError {
  override name = 'FactoryCycleError';
  /** The factories in creation order, the repeated one last (e.g. `['user', 'order', 'user']`). */
  readonly chain: readonly string[];

  constructor(chain: readonly string[]) {
    super(
      `Association cycle between factories: ${chain.join(' -> ')}. create() makes a factory's parents first, so ` +
        'this would never end: pass the parent explicitly on one side (e.g. create({ userId: user.id })), or remove ' +
        'one of the parents declarations and set that reference in an afterCreate hook instead.',
    );
    this.chain = chain;
  }
}

/**
 * A factory's row hit a unique constraint (Prisma P2002, MongoDB E11000): usually a value built
 * from the sequence, which restarts at 1 in every test.
 */
export class FactoryUniqueCollisionError extends DatabaseConfigError {
  override name = 'FactoryUniqueCollisionError';
  /** The factory (Prisma model delegate or mongoose model). */
  readonly factory: string;
  /** The unique fields, when the store said which. */
  readonly fields: readonly string[];

  constructor(store: StoreName, factory: string, fields: readonly string[], cause: unknown) {
    const on = fields.length > 0 ? ` on (${fields.join(', ')})` : '';
    super(
      `create() of the "${factory}" factory hit a unique constraint${on}: ${describeCause(cause)}. ` +
        'Factory sequences restart at 1 in every test, so rows created in a beforeAll (file scope) or by seed data ' +
        'with the same sequence values collide with this test’s rows. Give the field explicitly ' +
        `(${factory}.params({ ... }) or create({ ... })), or build file-scope rows from a different sequence offset ` +
        '(e.g. `sequence + 1000` in the define function).',
      { store, cause },
    );
    this.factory = factory;
    this.fields = fields;
  }
}

/** A Qdrant point's vector does not have the size of its collection; caught before the request. */
export class QdrantVectorSizeError extends DatabaseConfigError {
  override name = 'QdrantVectorSizeError';
  readonly collection: string;
  readonly expected: number;
  readonly actual: number;

  constructor(collection: string, vector: string | undefined, expected: number, actual: number) {
    const which = vector === undefined ? 'vector' : `vector "${vector}"`;
    super(
      `The ${which} of a point for the Qdrant collection "${collection}" has ${actual} dimensions, but the ` +
        `collection's schema says ${expected}: make the factory produce vectors of size ${expected} (or fix the size ` +
        'given to qdrantFactory / the collection schema).',
      { store: 'qdrant' },
    );
    this.collection = collection;
    this.expected = expected;
    this.actual = actual;
  }
}

/** What does not fit in a factory's definition or call (see {@link FactoryDefinitionError}). */
export type FactoryDefinitionProblem =
  | { kind: 'unknown-trait'; trait: string; traits: readonly string[] }
  | { kind: 'unknown-prisma-model'; model: string }
  | { kind: 'unknown-mongoose-model'; model: string; models: readonly string[] }
  | { kind: 'redis-record-shape'; key: unknown; forms: readonly string[] }
  | { kind: 'unknown-scenario'; scenario: string; scenarios: readonly string[] };

const STORE_OF_PROBLEM: Partial<Record<FactoryDefinitionProblem['kind'], StoreName>> = {
  'unknown-prisma-model': 'postgres',
  'unknown-mongoose-model': 'mongodb',
  'redis-record-shape': 'redis',
};

function factoryProblem(p: FactoryDefinitionProblem): string {
  const list = (names: readonly string[]) => names.join(', ') || 'none';
  switch (p.kind) {
    case 'unknown-trait':
      return `unknown trait "${p.trait}"; its traits are ${list(p.traits)}.`;
    case 'unknown-prisma-model':
      return `the Prisma client has no model delegate "${p.model}": use the name of a model as your generated client spells it (e.g. prisma.${p.model}).`;
    case 'unknown-mongoose-model':
      return (
        `no mongoose model "${p.model}" is registered on the connection (models: ${list(p.models)}). ` +
        'Register it (databaseTest({ mongooseModels }) in tests, or your model getter in scripts), or pass the getter: ' +
        'mongooseFactory(reviewModel, ...).'
      );
    case 'redis-record-shape':
      return `a Redis record needs a key and exactly one of value, hash, json; got key ${JSON.stringify(p.key)} and ${p.forms.join(', ') || 'none of them'}.`;
    case 'unknown-scenario':
      return `no scenario "${p.scenario}" is registered; scenarios: ${list(p.scenarios)}. Register it with .scenario(name, builder).`;
  }
}

/** A factory's definition or call does not fit its store (unknown trait, model, scenario, record shape). */
export class FactoryDefinitionError extends DatabaseConfigError {
  override name = 'FactoryDefinitionError';
  /** The factory or scenario involved. */
  readonly factory: string;
  readonly problem: FactoryDefinitionProblem;

  constructor(factory: string, problem: FactoryDefinitionProblem) {
    const store = STORE_OF_PROBLEM[problem.kind];
    super(`Factory "${factory}": ${factoryProblem(problem)}`, store ? { store } : {});
    this.factory = factory;
    this.problem = problem;
  }
}

/** Why a {@link MonitorAttachError} was raised, with its facts; the wording of each lives here. */
export type MonitorAttachProblem =
  /** A Prisma client not made by `createPrismaClient()` or a `DatabaseManager`: its adapter is not visible. */
  | { kind: 'foreign-prisma-client' }
  /** The manager (no `store`) or the store's client is already watched, by `this` monitor or `another`. */
  | {
      kind: 'already-watched';
      target: 'manager' | 'client' | 'prisma-client';
      by: 'this' | 'another';
      store?: StoreName;
    }
  /** The monitor already watches this store through another manager or client. */
  | { kind: 'second-store'; store: StoreName; via: 'manager' | 'client' };

function monitorAttach(p: MonitorAttachProblem): [what: string, problem: string, fix: string] {
  switch (p.kind) {
    case 'foreign-prisma-client':
      return [
        'this Prisma client',
        'it was not made by createPrismaClient() or a DatabaseManager, so its driver adapter is not visible',
        'Create it with createPrismaClient(PrismaClient, config.postgres) or attach the DatabaseManager.',
      ];
    case 'already-watched':
      if (p.target === 'manager')
        return [
          'this DatabaseManager',
          p.by === 'this'
            ? 'this DatabaseMonitor is already attached to it'
            : 'a DatabaseMonitor is already attached to it',
          'Use that monitor, or close() it before attaching another.',
        ];
      if (p.target === 'prisma-client')
        return [
          'this Prisma client',
          'another DatabaseMonitor already watches it',
          'Close that monitor first, or read its snapshot().',
        ];
      return [
        p.store ? `this ${p.store} client` : 'this client',
        p.by === 'this' ? 'this monitor already watches it' : 'another DatabaseMonitor already watches it',
        'Attach each client once; close() the other monitor first to move it.',
      ];
    case 'second-store':
      return p.via === 'manager'
        ? [
            `a second ${p.store} store`,
            `this monitor already watches ${p.store} (another manager or client)`,
            'Use one DatabaseMonitor per set of stores.',
          ]
        : [
            `a second ${p.store} client`,
            `this monitor already watches one ${p.store} client`,
            'Use one DatabaseMonitor per set of clients.',
          ];
  }
}

/** A {@link DatabaseMonitor} cannot watch a manager or client (already watched, not one it knows). */
export class MonitorAttachError extends DatabaseConfigError {
  override name = 'MonitorAttachError';
  readonly problem: MonitorAttachProblem;

  constructor(problem: MonitorAttachProblem) {
    const [what, why, fix] = monitorAttach(problem);
    const store =
      problem.kind === 'foreign-prisma-client' || ('target' in problem && problem.target === 'prisma-client')
        ? 'postgres'
        : problem.store;
    super(`Cannot monitor ${what}: ${why}. ${fix}`, store ? { store } : {});
    this.problem = problem;
  }
}
