import { Inject, Injectable } from '@nestjs/common';
import type { DatabaseManager } from '../config/database-manager.js';
import type { PrismaLike } from '../config/postgres/postgres-connector.js';
import { StoreService } from './store-service.js';
import { storeManagerToken } from './tokens.js';

/**
 * PostgreSQL through your generated Prisma client, connected at bootstrap and closed at shutdown.
 * Type it with your client to get its model delegates and `$transaction`:
 *
 * @example
 * constructor(private readonly prisma: PrismaService<PrismaClient>) {}
 * findUsers() { return this.prisma.client.user.findMany(); }
 */
@Injectable()
export class PrismaService<P extends PrismaLike = PrismaLike> extends StoreService<'postgres', P> {
  constructor(@Inject(storeManagerToken('postgres')) manager: DatabaseManager<P>) {
    super(manager, 'postgres');
  }
}
