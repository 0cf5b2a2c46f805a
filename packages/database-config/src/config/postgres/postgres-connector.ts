import type { StoreConnector } from '../connector.js';
import { maskUrl } from '../mask.js';
import { createPrismaClient, type PrismaClientConstructor } from './postgres-client.js';
import type { PostgresConfig } from './postgres-config.js';

/** The few members of a Prisma client that connecting and health checks use. */
export interface PrismaLike {
  $queryRawUnsafe(query: string): Promise<unknown>;
  $disconnect(): Promise<void>;
}

export const postgresConnector: StoreConnector<
  PostgresConfig,
  PrismaLike,
  PrismaClientConstructor<PrismaLike>
> = {
  store: 'postgres',
  target: (config) => maskUrl(config.url),
  async connect(config, PrismaClient) {
    const prisma = await createPrismaClient(PrismaClient, config);
    try {
      await prisma.$queryRawUnsafe('SELECT 1');
      return prisma;
    } catch (error) {
      await prisma.$disconnect().catch(() => undefined);
      throw error;
    }
  },
  ping: async (prisma) => {
    await prisma.$queryRawUnsafe('SELECT 1');
  },
  close: (prisma) => prisma.$disconnect().catch(() => undefined),
  hint: 'Check that PostgreSQL is running and reachable, and that DATABASE_URL (user, password, database) is right.',
};
