import {
  ConfigurableModuleBuilder,
  type ConfigurableModuleAsyncOptions,
  type DynamicModule,
} from '@nestjs/common';
import { STORE_NAMES, type StoreName } from '../stores.js';
import { databaseProviders } from './database-providers.js';
import type { DatabaseConfigModuleExtras, DatabaseModuleExtras } from './module-options.js';
import { MODULE_OPTIONS } from './tokens.js';

/**
 * The `forRoot` / `forRootAsync` of a database module, built like @nestjs/mongoose's and
 * @nestjs/typeorm's with ConfigurableModuleBuilder: the options (or their async factory) become
 * MODULE_OPTIONS, and the static extras (isGlobal, stores, mongooseConnection) shape the module.
 * `fixedStores` is the store of a per-store module; the root module takes `stores` from its extras.
 */
export function defineDatabaseModule<Options extends object>(
  moduleName: string,
  fixedStores: readonly StoreName[] | undefined,
) {
  return new ConfigurableModuleBuilder<Options>({ moduleName, optionsInjectionToken: MODULE_OPTIONS })
    .setClassMethodName('forRoot')
    .setExtras<DatabaseConfigModuleExtras>(
      { isGlobal: true, stores: undefined, mongooseConnection: undefined },
      (definition, extras): DynamicModule => {
        const mongoose = extras.mongooseConnection;
        const { providers, exports } = databaseProviders({
          moduleName,
          stores: fixedStores ?? extras.stores ?? STORE_NAMES,
          mongooseConnection: mongoose === true ? '' : typeof mongoose === 'string' ? mongoose : undefined,
          root: fixedStores === undefined,
        });
        return {
          ...definition,
          global: extras.isGlobal ?? true,
          providers: [...(definition.providers ?? []), ...providers],
          exports: [...(definition.exports ?? []), ...exports],
        };
      },
    )
    .build();
}

/** A per-store module class (`MongodbConfigModule`, `RedisConfigModule`, `QdrantConfigModule`). */
export interface StoreModuleClass<Options extends object, Extras extends DatabaseModuleExtras> {
  new (): object;
  /** The module with options known now; the environment is read at bootstrap. */
  forRoot(options?: Options & Extras): DynamicModule;
  /** The module with options from a factory, e.g. `inject: [ConfigService], useFactory: (config) => ({ env: config })`. */
  forRootAsync(options: ConfigurableModuleAsyncOptions<Options> & Extras): DynamicModule;
}

/**
 * The base class of a per-store module whose options are all optional: one definition for the
 * stores alike, each module only naming its store (PostgreSQL's, whose Prisma class is required,
 * and the root module's declare their own signatures).
 */
export function defineStoreModule<Options extends object, Extras extends DatabaseModuleExtras>(
  moduleName: string,
  store: StoreName,
): StoreModuleClass<Options, Extras> {
  const { ConfigurableModuleClass } = defineDatabaseModule<Options>(moduleName, [store]);
  class StoreModule extends ConfigurableModuleClass {
    static override forRoot(options = {} as Options & DatabaseConfigModuleExtras): DynamicModule {
      return super.forRoot(options);
    }
  }
  return StoreModule as unknown as StoreModuleClass<Options, Extras>;
}
