// NOT PUBLIC. The one entry through which the benchmark (bench/**) reaches the library's internals:
// it drives the store workers, the stack and the migrations directly to time them apart. It is no
// subpath of package.json `exports`, is not built by tsup and carries no compatibility promise.
// Whoever moves one of these modules updates the path here, and the benchmark keeps working.
// Everything else the benchmark needs comes from the public entries (src/public/*.ts).

// Containers and the stack.
export { containerRuntime } from '../containers/docker.js';
export { LABELS } from '../containers/container-labels.js';
export { startDatabaseStack, type StartedDatabaseStack } from '../containers/stack.js';

// The per-store workers and the worker's databases, as a runner drives them.
export { PostgresWorker } from '../fixtures/postgres/postgres-worker.js';
export { MongodbWorker } from '../fixtures/mongodb/mongodb-worker.js';
export { RedisWorker } from '../fixtures/redis/redis-worker.js';
export { QdrantWorker } from '../fixtures/qdrant/qdrant-worker.js';
export { WorkerDatabases } from '../fixtures/worker-databases.js';
// The worker's one session, as the runner adapters acquire it (the suite's floor and naive variants
// take its namespaces without the plugin's resets).
export { acquireSession } from '../fixtures/shared-worker.js';
export { workerIdFrom } from '../fixtures/worker-id.js';

// Migrations and templates (the baselines build their namespaces with them).
export { readMigrations, sha256 } from '../migrations/migration-files.js';
export { cloneMongoDatabase, ensureMongoTemplate, migrateMongoUp } from '../migrations/mongodb-migrations.js';
export {
  applyMigrations,
  databaseUrl,
  dropDatabase,
  ensurePostgresTemplate,
  quoteIdent,
  withAdminClient,
} from '../migrations/postgres-migrations.js';
