import { Module, type ConfigurableModuleAsyncOptions, type DynamicModule } from '@nestjs/common';
import type { PrismaLike } from '../config/postgres/postgres-connector.js';
import { defineDatabaseModule } from './module-definition.js';
import type { DatabaseConfigModuleExtras, DatabaseConfigModuleOptions } from './module-options.js';

/** The options of `DatabaseConfigModule.forRootAsync`: `imports`, `inject`, `useFactory` (or `useClass` / `useExisting`) and the static extras. */
export type DatabaseConfigModuleAsyncOptions<P extends PrismaLike = PrismaLike> =
  ConfigurableModuleAsyncOptions<DatabaseConfigModuleOptions<P>> & DatabaseConfigModuleExtras;

const { ConfigurableModuleClass } = defineDatabaseModule<DatabaseConfigModuleOptions>(
  'DatabaseConfigModule',
  undefined,
);

/**
 * Connects the chosen stores at bootstrap through one `DatabaseManager` (retries, circuit
 * breakers; a store down closes the others and fails the bootstrap with its `ConnectionError`),
 * provides their clients, services and the manager, and closes them all on application shutdown.
 * Global by default.
 *
 * @example
 * DatabaseConfigModule.forRoot({ stores: ['postgres', 'redis'], prismaClient: PrismaClient })
 */
@Module({})
export class DatabaseConfigModule extends ConfigurableModuleClass {
  /** The module with options known now; the environment is read at bootstrap. */
  static override forRoot<P extends PrismaLike = PrismaLike>(
    options: DatabaseConfigModuleOptions<P> & DatabaseConfigModuleExtras = {},
  ): DynamicModule {
    return super.forRoot(options as DatabaseConfigModuleOptions & DatabaseConfigModuleExtras);
  }

  /**
   * The module with options from a factory, e.g. from `ConfigService`. `stores`, `isGlobal` and
   * `mongooseConnection` are given beside the factory (they shape the module).
   *
   * @example
   * DatabaseConfigModule.forRootAsync({
   *   stores: ['redis'],
   *   imports: [ConfigModule],
   *   inject: [ConfigService],
   *   useFactory: (config: ConfigService) => ({ env: config }),
   * })
   */
  static override forRootAsync<P extends PrismaLike = PrismaLike>(
    options: DatabaseConfigModuleAsyncOptions<P>,
  ): DynamicModule {
    return super.forRootAsync(options as DatabaseConfigModuleAsyncOptions);
  }
}
