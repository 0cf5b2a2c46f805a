import { Module, type ConfigurableModuleAsyncOptions, type DynamicModule } from '@nestjs/common';
import type { PrismaClientConstructor } from '../config/postgres/postgres-client.js';
import type { PrismaLike } from '../config/postgres/postgres-connector.js';
import { defineDatabaseModule } from './module-definition.js';
import type { CommonModuleOptions, DatabaseModuleExtras, PostgresModuleOptions } from './module-options.js';

/** Options of `PostgresqlConfigModule.forRoot()`: your generated Prisma client class is required. */
export interface PostgresqlConfigModuleOptions<P extends PrismaLike = PrismaLike>
  extends CommonModuleOptions, PostgresModuleOptions<P> {
  /** Your generated Prisma 7 client class (`import { PrismaClient } from './generated/prisma/client.js'`). */
  prismaClient: PrismaClientConstructor<P>;
}

/** The options of `PostgresqlConfigModule.forRootAsync`: `imports`, `inject`, `useFactory` (or `useClass` / `useExisting`) and the static extras. */
export type PostgresqlConfigModuleAsyncOptions<P extends PrismaLike = PrismaLike> =
  ConfigurableModuleAsyncOptions<PostgresqlConfigModuleOptions<P>> & DatabaseModuleExtras;

const { ConfigurableModuleClass } = defineDatabaseModule<PostgresqlConfigModuleOptions>(
  'PostgresqlConfigModule',
  ['postgres'],
);

/**
 * PostgreSQL alone: connects it at bootstrap (retries, circuit breaker), provides its client
 * (`@InjectPrisma()`) and `PrismaService`, and closes it on application shutdown. Global by default.
 *
 * @example
 * PostgresqlConfigModule.forRoot({ prismaClient: PrismaClient })
 */
@Module({})
export class PostgresqlConfigModule extends ConfigurableModuleClass {
  /** The module with options known now; the environment is read at bootstrap. */
  static override forRoot<P extends PrismaLike = PrismaLike>(
    options: PostgresqlConfigModuleOptions<P> & DatabaseModuleExtras,
  ): DynamicModule {
    return super.forRoot(options as PostgresqlConfigModuleOptions & DatabaseModuleExtras);
  }

  /** The module with options from a factory, e.g. `inject: [ConfigService], useFactory: (config) => ({ env: config })`. */
  static override forRootAsync<P extends PrismaLike = PrismaLike>(
    options: PostgresqlConfigModuleAsyncOptions<P>,
  ): DynamicModule {
    return super.forRootAsync(options as PostgresqlConfigModuleAsyncOptions);
  }
}
