import { Module, type ConfigurableModuleAsyncOptions, type DynamicModule } from '@nestjs/common';

import { defineDatabaseModule } from './module-definition.js';
import type { CommonModuleOptions, DatabaseModuleExtras, RedisModuleOptions } from './module-options.js';

/** Options of `RedisConfigModule.forRoot()`. */
export interface RedisConfigModuleOptions extends CommonModuleOptions, RedisModuleOptions {}

/** The options of `RedisConfigModule.forRootAsync`: `imports`, `inject`, `useFactory` (or `useClass` / `useExisting`) and the static extras. */
export type RedisConfigModuleAsyncOptions = ConfigurableModuleAsyncOptions<RedisConfigModuleOptions> &
  DatabaseModuleExtras;

const { ConfigurableModuleClass } = defineDatabaseModule<RedisConfigModuleOptions>('RedisConfigModule', [
  'redis',
]);

/**
 * Redis alone: connects it at bootstrap (retries, circuit breaker), provides its client
 * (`@InjectRedis()`) and `RedisService`, and closes it on application shutdown. Global by default.
 *
 * @example
 * RedisConfigModule.forRoot({ redis: { keyPrefix: 'app:' } })
 */
@Module({})
export class RedisConfigModule extends ConfigurableModuleClass {
  /** The module with options known now; the environment is read at bootstrap. */
  static override forRoot(options: RedisConfigModuleOptions & DatabaseModuleExtras = {}): DynamicModule {
    return super.forRoot(options as RedisConfigModuleOptions & DatabaseModuleExtras);
  }

  /** The module with options from a factory, e.g. `inject: [ConfigService], useFactory: (config) => ({ env: config })`. */
  static override forRootAsync(options: RedisConfigModuleAsyncOptions): DynamicModule {
    return super.forRootAsync(options as RedisConfigModuleAsyncOptions);
  }
}
