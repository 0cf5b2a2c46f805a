import { MissingPeerDependencyError } from '../errors.js';
import type { StoreName } from '../stores.js';

/**
 * Loads a store's client package (or an add-on's, named by `usedBy`) lazily, so a service that uses two stores need not install
 * the other two; a missing package becomes a {@link MissingPeerDependencyError} naming it.
 */
export async function importPeer<T>(
  store: StoreName | undefined,
  packageName: string,
  load: () => Promise<T>,
  usedBy?: string,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
      String(error).includes(packageName)
    ) {
      throw new MissingPeerDependencyError(store, packageName, error, usedBy);
    }
    throw error;
  }
}
