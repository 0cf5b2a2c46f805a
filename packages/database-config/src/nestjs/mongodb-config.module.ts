import { Module, type ConfigurableModuleAsyncOptions } from '@nestjs/common';
import { defineStoreModule } from './module-definition.js';
import type { CommonModuleOptions, MongodbModuleExtras, MongodbModuleOptions } from './module-options.js';

/** Options of `MongodbConfigModule.forRoot()`. */
export interface MongodbConfigModuleOptions extends CommonModuleOptions, MongodbModuleOptions {}

/** The options of `MongodbConfigModule.forRootAsync`: `imports`, `inject`, `useFactory` (or `useClass` / `useExisting`) and the static extras. */
export type MongodbConfigModuleAsyncOptions = ConfigurableModuleAsyncOptions<MongodbConfigModuleOptions> &
  MongodbModuleExtras;

/**
 * MongoDB alone: connects it at bootstrap (retries, circuit breaker), provides its client
 * (`@InjectMongoConnection()`) and `MongodbService`, and closes it on application shutdown. Global by default.
 *
 * @example
 * MongodbConfigModule.forRoot({ mongooseConnection: true })
 */
@Module({})
export class MongodbConfigModule extends defineStoreModule<MongodbConfigModuleOptions, MongodbModuleExtras>(
  'MongodbConfigModule',
  'mongodb',
) {}
