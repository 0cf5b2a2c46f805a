import { Module, type ConfigurableModuleAsyncOptions, type DynamicModule } from '@nestjs/common';

import { defineDatabaseModule } from './module-definition.js';
import type { CommonModuleOptions, MongodbModuleExtras, MongodbModuleOptions } from './module-options.js';

/** Options of `MongodbConfigModule.forRoot()`. */
export interface MongodbConfigModuleOptions extends CommonModuleOptions, MongodbModuleOptions {}

/** The options of `MongodbConfigModule.forRootAsync`: `imports`, `inject`, `useFactory` (or `useClass` / `useExisting`) and the static extras. */
export type MongodbConfigModuleAsyncOptions = ConfigurableModuleAsyncOptions<MongodbConfigModuleOptions> &
  MongodbModuleExtras;

const { ConfigurableModuleClass } = defineDatabaseModule<MongodbConfigModuleOptions>('MongodbConfigModule', [
  'mongodb',
]);

/**
 * MongoDB alone: connects it at bootstrap (retries, circuit breaker), provides its client
 * (`@InjectMongoConnection()`) and `MongodbService`, and closes it on application shutdown. Global by default.
 *
 * @example
 * MongodbConfigModule.forRoot({ mongooseConnection: true })
 */
@Module({})
export class MongodbConfigModule extends ConfigurableModuleClass {
  /** The module with options known now; the environment is read at bootstrap. */
  static override forRoot(options: MongodbConfigModuleOptions & MongodbModuleExtras = {}): DynamicModule {
    return super.forRoot(options as MongodbConfigModuleOptions & MongodbModuleExtras);
  }

  /** The module with options from a factory, e.g. `inject: [ConfigService], useFactory: (config) => ({ env: config })`. */
  static override forRootAsync(options: MongodbConfigModuleAsyncOptions): DynamicModule {
    return super.forRootAsync(options as MongodbConfigModuleAsyncOptions);
  }
}
