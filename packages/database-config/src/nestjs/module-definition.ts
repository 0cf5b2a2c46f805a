import { ConfigurableModuleBuilder, type DynamicModule } from '@nestjs/common';
import { STORE_NAMES, type StoreName } from '../stores.js';
import { databaseProviders } from './database-providers.js';
import type { DatabaseConfigModuleExtras } from './module-options.js';
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
