import { Module, type ConfigurableModuleAsyncOptions } from '@nestjs/common';
import { defineStoreModule } from './module-definition.js';
import type { CommonModuleOptions, DatabaseModuleExtras, RedisModuleOptions } from './module-options.js';

/** Options of `RedisConfigModule.forRoot()`. */
export interface RedisConfigModuleOptions extends CommonModuleOptions, RedisModuleOptions {}

/** The options of `RedisConfigModule.forRootAsync`: `imports`, `inject`, `useFactory` (or `useClass` / `useExisting`) and the static extras. */
export type RedisConfigModuleAsyncOptions = ConfigurableModuleAsyncOptions<RedisConfigModuleOptions> &
  DatabaseModuleExtras;

/**
 * Redis alone: connects it at bootstrap (retries, circuit breaker), provides its client
 * (`@InjectRedis()`) and `RedisService`, and closes it on application shutdown. Global by default.
 *
 * @example
 * RedisConfigModule.forRoot({ redis: { keyPrefix: 'app:' } })
 */
@Module({})
export class RedisConfigModule extends defineStoreModule<RedisConfigModuleOptions, DatabaseModuleExtras>(
  'RedisConfigModule',
  'redis',
) {}
