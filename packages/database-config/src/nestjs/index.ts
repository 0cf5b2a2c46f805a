// Public surface of `database-config/nestjs`: the NestJS modules, services, tokens, decorators and
// terminus health indicators over the framework-agnostic layer of `database-config`.
// Needs @nestjs/common and @nestjs/core; @nestjs/terminus and @nestjs/mongoose are loaded only
// when DatabaseHealthModule or the mongooseConnection option are used.

export { DatabaseConfigModule } from './database-config.module.js';
export type { DatabaseConfigModuleAsyncOptions } from './database-config.module.js';
export { PostgresqlConfigModule } from './postgresql-config.module.js';
export type {
  PostgresqlConfigModuleAsyncOptions,
  PostgresqlConfigModuleOptions,
} from './postgresql-config.module.js';
export { MongodbConfigModule } from './mongodb-config.module.js';
export type { MongodbConfigModuleAsyncOptions, MongodbConfigModuleOptions } from './mongodb-config.module.js';
export { RedisConfigModule } from './redis-config.module.js';
export type { RedisConfigModuleAsyncOptions, RedisConfigModuleOptions } from './redis-config.module.js';
export { QdrantConfigModule } from './qdrant-config.module.js';
export type { QdrantConfigModuleAsyncOptions, QdrantConfigModuleOptions } from './qdrant-config.module.js';
export type {
  CommonModuleOptions,
  ConfigServiceLike,
  DatabaseConfigModuleExtras,
  DatabaseConfigModuleOptions,
  DatabaseModuleExtras,
  MongodbModuleExtras,
  MongodbModuleOptions,
  PostgresModuleOptions,
  QdrantModuleOptions,
  RedisModuleOptions,
} from './module-options.js';

export { StoreService } from './store-service.js';
export { PrismaService } from './prisma.service.js';
export { MongodbService } from './mongodb.service.js';
export { RedisService } from './redis.service.js';
export { QdrantService } from './qdrant.service.js';
export { CollectionInitializerService } from './collection-initializer.service.js';
export { DatabaseManagerService } from './database-manager.service.js';

export { getDatabaseToken } from './tokens.js';
export type { DatabaseTokenKind } from './tokens.js';
export {
  InjectDatabaseManager,
  InjectMongoConnection,
  InjectPrisma,
  InjectQdrant,
  InjectRedis,
} from './decorators.js';

export { DatabaseHealthModule } from './database-health.module.js';
export type { DatabaseHealthModuleOptions } from './database-health.module.js';
export { DatabaseHealthIndicator } from './health-check.service.js';

export { DatabaseMonitorModule } from './database-monitor.module.js';
export type { DatabaseMonitorModuleOptions } from './database-monitor.module.js';
export { DatabaseMonitorService } from './database-monitor.service.js';
