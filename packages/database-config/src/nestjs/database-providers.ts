import type { Provider, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { DatabaseManager } from '../config/database-manager.js';
import type { PrismaLike } from '../config/postgres/postgres-connector.js';
import { SetupError } from '../errors.js';
import { STORE_NAMES, type StoreName } from '../stores.js';
import { connectInGroup, failBootstrap } from './bootstrap-group.js';
import { CollectionInitializerService } from './collection-initializer.service.js';
import { connectModuleManager, type ModuleSetup } from './connect-manager.js';
import { DatabaseManagerService } from './database-manager.service.js';
import type { DatabaseConfigModuleOptions } from './module-options.js';
import { MongodbService } from './mongodb.service.js';
import { loadNestMongoose } from './nest-peers.js';
import { PrismaService } from './prisma.service.js';
import { QdrantService } from './qdrant.service.js';
import { RedisService } from './redis.service.js';
import { clientOf } from './store-service.js';
import {
  MODULE_MANAGER,
  MODULE_OPTIONS,
  getDatabaseToken,
  mongooseConnectionToken,
  storeManagerToken,
} from './tokens.js';

/** Each store's service, and the services a store adds (the registry the modules loop over). */
const STORE_SERVICES: { [S in StoreName]: Type[] } = {
  postgres: [PrismaService],
  mongodb: [MongodbService],
  redis: [RedisService],
  qdrant: [QdrantService, CollectionInitializerService],
};

/** What a database module provides, and which of it the app sees. */
export function databaseProviders(setup: ModuleSetup): { providers: Provider[]; exports: (string | Type)[] } {
  const providers: Provider[] = [
    {
      provide: MODULE_MANAGER,
      inject: [MODULE_OPTIONS, ModulesContainer],
      useFactory: (options: DatabaseConfigModuleOptions, app: ModulesContainer) =>
        connectInGroup(app, setup.moduleName, () => connectModuleManager(options, setup)),
    },
    DatabaseManagerService,
  ];
  const exports: (string | Type)[] = [];
  // A name that is not a store gets no providers; the bootstrap reports it (ConfigValidationError).
  for (const store of setup.stores.filter((name) => STORE_NAMES.includes(name))) {
    providers.push(
      {
        provide: getDatabaseToken(store),
        inject: [MODULE_MANAGER],
        useFactory: (manager: DatabaseManager<PrismaLike>) => clientOf(manager, store),
      },
      { provide: storeManagerToken(store), useExisting: MODULE_MANAGER },
      ...STORE_SERVICES[store],
    );
    exports.push(getDatabaseToken(store), storeManagerToken(store), ...STORE_SERVICES[store]);
  }
  if (setup.mongooseConnection !== undefined) {
    const token = mongooseConnectionToken(setup.mongooseConnection);
    providers.push({
      provide: token,
      inject: [getDatabaseToken('mongodb'), ModulesContainer],
      useFactory: async (connection: unknown, app: ModulesContainer) => {
        const { getConnectionToken } = await loadNestMongoose().catch(async (error: unknown) => {
          await failBootstrap(app);
          throw error;
        });
        // Our token mirrors @nestjs/mongoose's naming; a change there must not go unnoticed.
        if (getConnectionToken(setup.mongooseConnection) !== token) {
          throw new SetupError({
            reason: 'nest-mongoose-token',
            expected: token,
            actual: getConnectionToken(setup.mongooseConnection),
          });
        }
        return connection;
      },
    });
    exports.push(token);
  }
  if (setup.root) {
    providers.push({ provide: getDatabaseToken('manager'), useExisting: MODULE_MANAGER });
    exports.push(getDatabaseToken('manager'), DatabaseManagerService);
  }
  return { providers, exports };
}
