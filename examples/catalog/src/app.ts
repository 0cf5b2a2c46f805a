// Production wiring of the catalog service: configuration from the environment, the four stores
// connected by a DatabaseManager, the Qdrant collections initialised.
import { PrismaClient } from '../../../prisma/generated/client.js';
import {
  DatabaseManager,
  StoreNotConfiguredError,
  initializeQdrantCollections,
  loadDatabaseConfig,
} from 'database-config';
import { CatalogService } from './catalog-service.js';
import { CATALOG_COLLECTIONS } from './embeddings.js';

/** A running catalog: its service and the manager holding the connections. */
export interface Catalog extends AsyncDisposable {
  manager: DatabaseManager<PrismaClient>;
  service: CatalogService;
  /** Closes every connection. */
  close(): Promise<void>;
}

/**
 * Starts the catalog from environment variables (`DATABASE_URL`, `MONGODB_URI`, `REDIS_URL`,
 * `QDRANT_URL`, ... as `loadDatabaseConfig` reads them): connects the four stores and creates
 * the Qdrant collections of {@link CATALOG_COLLECTIONS} when missing. SQL and MongoDB migrations
 * are expected to be applied already.
 *
 * @example
 * await using catalog = await startCatalog();
 * await catalog.service.registerUser({ email: 'ada@example.com', name: 'Ada' });
 */
export async function startCatalog(env: Record<string, string | undefined> = process.env): Promise<Catalog> {
  const config = loadDatabaseConfig(env, { qdrant: { collections: CATALOG_COLLECTIONS } });
  const qdrantConfig = config.qdrant;
  if (!qdrantConfig) throw new StoreNotConfiguredError('qdrant', { kind: 'not-in-config' });
  const manager = await DatabaseManager.connect({ config, prismaClient: PrismaClient });
  try {
    await initializeQdrantCollections(manager.qdrant, qdrantConfig);
  } catch (error) {
    await manager.close();
    throw error;
  }
  const service = new CatalogService({
    prisma: manager.prisma,
    mongo: manager.mongo,
    redis: manager.redis,
    qdrant: manager.qdrant,
    collectionPrefix: qdrantConfig.collectionPrefix,
  });
  const close = () => manager.close();
  return { manager, service, close, [Symbol.asyncDispose]: close };
}
