// Public surface of `database-config`: configuration, clients, the manager, health checks,
// the Qdrant collection initializer and the errors.
import * as errors from './errors.js';

export { STORE_NAMES } from './stores.js';
export type { StoreName } from './stores.js';

export { loadDatabaseConfig } from './config/load-config.js';
export type { DatabaseConfig, LoadDatabaseConfigOptions } from './config/load-config.js';
export type { PostgresConfig } from './config/postgres/postgres-config.js';
export type { MongodbConfig } from './config/mongodb/mongodb-config.js';
export type { RedisConfig } from './config/redis/redis-config.js';
export type { QdrantConfig, QdrantCollectionSchema } from './config/qdrant/qdrant-config.js';
export { PAYLOAD_INDEX_TYPES, qdrantCollectionName } from './config/qdrant/qdrant-config.js';
export { maskUrl } from './config/mask.js';

export { createPrismaClient, createPrismaAdapter, pgPoolConfig } from './config/postgres/postgres-client.js';
export type { PrismaClientConstructor } from './config/postgres/postgres-client.js';
export { createMongooseConnection, mongooseConnectOptions } from './config/mongodb/mongodb-client.js';
export { createRedisClient, redisOptions } from './config/redis/redis-client.js';
export { createQdrantClient } from './config/qdrant/qdrant-client.js';

export { DatabaseManager } from './config/database-manager.js';
export type { DatabaseManagerOptions, ExecuteOptions, StoreClients } from './config/database-manager.js';
export type { RetryOptions, BreakerOptions } from './config/resilience.js';
export type { PrismaLike } from './config/postgres/postgres-connector.js';
export type { CircuitStatus, HealthReport, StoreHealth } from './config/health.js';

export { prismaPool } from './config/postgres/postgres-pool.js';
export type { CircuitChange } from './config/database-manager.js';

export { DatabaseMonitor } from './monitoring/database-monitor.js';
export type { MonitoredClients } from './monitoring/database-monitor.js';
export type { DatabaseMonitorOptions } from './monitoring/monitor-options.js';
export type {
  KindStats,
  LatencyPercentiles,
  MonitorEvents,
  MonitorSnapshot,
  OperationHistogram,
  OperationRecord,
  OperationStats,
  PoolSnapshot,
  StateChange,
  StoreSnapshot,
} from './monitoring/monitor-types.js';
export { openTelemetryExporter } from './monitoring/exporters/opentelemetry-exporter.js';
export type {
  MonitorExporter,
  OpenTelemetryExporterOptions,
} from './monitoring/exporters/opentelemetry-exporter.js';
export { prometheusExporter } from './monitoring/exporters/prometheus-exporter.js';
export type {
  PrometheusExporter,
  PrometheusExporterOptions,
  PromRegistry,
} from './monitoring/exporters/prometheus-exporter.js';
export { MONITOR_METRICS } from './monitoring/exporters/metric-names.js';

export { initializeQdrantCollections } from './config/qdrant/qdrant-collections.js';
export type { CollectionInitReport } from './config/qdrant/qdrant-collections.js';

export { errors };
export {
  DatabaseConfigError,
  ConfigValidationError,
  ConnectionError,
  CircuitOpenError,
  OperationTimeoutError,
  InvalidPrismaClientError,
  MigrationError,
  CollectionSchemaConflictError,
  HealthCheckError,
  StoreNotConfiguredError,
  StateError,
  MissingPeerDependencyError,
  DockerUnavailableError,
  ContainerStartError,
  RemoteHostRefusedError,
  ExternalServiceError,
  WorkerLimitError,
  IsolationLeakError,
  TransactionStrategyError,
  SchemaMismatchError,
  ResetLockTimeoutError,
  FixturesNotSetUpError,
  FactoryCycleError,
  FactoryUniqueCollisionError,
  QdrantVectorSizeError,
  FactoryDefinitionError,
  MonitorAttachError,
  SetupError,
} from './errors.js';
export type {
  ConfigIssue,
  ExternalServiceFailure,
  FactoryDefinitionProblem,
  MigrationProblem,
  MonitorAttachProblem,
  SetupProblem,
  StateErrorFields,
  StateOperation,
  StoreNotConfiguredReason,
} from './errors.js';
