import type { DatabaseManager } from '../config/database-manager.js';
import { StateError } from '../errors.js';

/**
 * The managers one Nest application connected, so that when one store fails at bootstrap the
 * stores the other database modules already connected are closed too: Nest runs no shutdown hook
 * for an application that never finished starting. Keyed by the application's ModulesContainer.
 */
interface BootstrapGroup {
  failed: boolean;
  managers: Set<DatabaseManager>;
}

const groups = new WeakMap<object, BootstrapGroup>();

function groupOf(app: object): BootstrapGroup {
  let group = groups.get(app);
  if (!group) {
    group = { failed: false, managers: new Set() };
    groups.set(app, group);
  }
  return group;
}

const stopped = (moduleName: string) =>
  new StateError({
    operation: 'Nest module bootstrap',
    state: 'failed',
    allowed: ['bootstrapping'],
    subject: moduleName,
  });

/** Connects a module's manager as part of `app`'s bootstrap; a failure closes the whole group. */
export async function connectInGroup(
  app: object,
  moduleName: string,
  connect: () => Promise<DatabaseManager>,
): Promise<DatabaseManager> {
  const group = groupOf(app);
  if (group.failed) throw stopped(moduleName);
  let manager: DatabaseManager;
  try {
    manager = await connect();
  } catch (error) {
    await failBootstrap(app);
    throw error;
  }
  if (group.failed) {
    await manager.close();
    throw stopped(moduleName);
  }
  group.managers.add(manager);
  return manager;
}

/** Marks `app`'s bootstrap failed and closes every manager its modules connected. */
export async function failBootstrap(app: object): Promise<void> {
  const group = groupOf(app);
  group.failed = true;
  const managers = [...group.managers];
  group.managers.clear();
  await Promise.all(managers.map((manager) => manager.close()));
}
