// @internal The entry the testing package (database-config-testing) and this repository's tests
// import the production modules through: not a public API, it may change in any release.
// Generated from what they import; keep it to what they need.
export { ENV_FLAGS, checkEnvFlags, envFlag, envFlagIssues } from './config/env-flags.js';
export { bool, int, lazy, readFields, url } from './config/fields.js';
export type { FieldTable } from './config/fields.js';
export { loadDatabaseConfig, readDatabaseConfig } from './config/load-config.js';
export { maskUrl } from './config/mask.js';
export { createMongooseConnection } from './config/mongodb/mongodb-client.js';
export { MONGODB_FIELDS } from './config/mongodb/mongodb-config.js';
export { importPeer } from './config/peer.js';
export { assertPrismaClientConstructor, createPrismaClient } from './config/postgres/postgres-client.js';
export type { PrismaClientConstructor } from './config/postgres/postgres-client.js';
export { POSTGRES_FIELDS, postgresUrlFromParts } from './config/postgres/postgres-config.js';
export { createQdrantClient } from './config/qdrant/qdrant-client.js';
export { initializeQdrantCollections, vectorDifferences } from './config/qdrant/qdrant-collections.js';
export { QDRANT_FIELDS } from './config/qdrant/qdrant-config.js';
export type {
  QdrantCollectionSchema,
  QdrantConfig,
  ResolvedQdrantCollectionSchema,
} from './config/qdrant/qdrant-config.js';
export { connectRedis } from './config/redis/redis-client.js';
export { REDIS_FIELDS } from './config/redis/redis-config.js';
// The config's zod (its tree-shaken build, bundled): the testing package's schemas use the same copy.
export * as z from './config/zod.js';
export { currentTestOverrides, setTestOverrides } from './config/test-overrides.js';
export type { TestOverrides } from './config/test-overrides.js';
export {
  CircuitOpenError,
  CollectionSchemaConflictError,
  ConfigValidationError,
  ConnectionError,
  ContainerStartError,
  DatabaseConfigError,
  DockerUnavailableError,
  ExternalServiceError,
  FactoryCycleError,
  FactoryDefinitionError,
  FactoryUniqueCollisionError,
  FixturesNotSetUpError,
  HealthCheckError,
  InvalidPrismaClientError,
  IsolationLeakError,
  MigrationError,
  MissingPeerDependencyError,
  OperationTimeoutError,
  QdrantVectorSizeError,
  RemoteHostRefusedError,
  ResetLockTimeoutError,
  SchemaMismatchError,
  SetupError,
  StateError,
  StoreNotConfiguredError,
  TransactionStrategyError,
  WorkerLimitError,
  describeCause,
} from './errors.js';
export type {
  ConfigIssue,
  ExternalServiceFailure,
  LockHolder,
  FactoryDefinitionProblem,
  MigrationProblem,
  MonitorAttachProblem,
  SetupProblem,
  StateErrorFields,
  StateOperation,
  StoreNotConfiguredReason,
} from './errors.js';
export { STORE_NAMES } from './stores.js';
export type { StoreName } from './stores.js';
export { LIBRARY_VERSION } from './version.js';
