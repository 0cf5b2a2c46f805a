import type { FactoryProvider } from '@nestjs/common';
import type { DatabaseManager } from '../config/database-manager.js';
import type { StateErrorFields } from '../errors.js';
import { STORE_NAMES, type StoreName } from '../stores.js';
import { storeManagerToken } from './tokens.js';

/** @internal The managers of the stores the app's (global) database modules connected, by store. */
export const CONNECTED_MANAGERS = 'database-config:connected-managers';

/** What {@link CONNECTED_MANAGERS} holds: a store's manager, for each store some module connected. */
export type ConnectedManagers = ReadonlyMap<StoreName, DatabaseManager>;

/**
 * @internal Collects each store's manager (optional: a store no module connected is absent), for
 * the modules that act on every connected store (health, monitoring).
 */
export const connectedManagersProvider: FactoryProvider<ConnectedManagers> = {
  provide: CONNECTED_MANAGERS,
  inject: STORE_NAMES.map((store) => ({ token: storeManagerToken(store), optional: true })),
  useFactory: (...managers: (DatabaseManager | undefined)[]) =>
    new Map(STORE_NAMES.flatMap((store, i) => (managers[i] ? [[store, managers[i]] as const] : []))),
};

/** The `StateError` fields of a module that acts on the connected stores and finds none. */
export function noStore(module: 'DatabaseHealthModule' | 'DatabaseMonitorModule'): StateErrorFields {
  return {
    operation: 'Nest add-on start',
    state: 'no store connected',
    allowed: ['a store connected'],
    subject: module,
  };
}
