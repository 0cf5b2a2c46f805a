import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/**
 * What `monitor` connects PostgreSQL with, in place of a generated Prisma client: the CLI has no
 * project's generated class, and the manager and the monitor need one made by `createPrismaClient`
 * (its driver adapter is the one the monitor watches). It runs raw SQL through that adapter, as
 * Prisma's `$queryRawUnsafe` does; nothing else.
 */
export class SqlClient {
  #factory: SqlDriverAdapterFactory;
  #adapter: Promise<SqlDriverAdapter> | undefined;

  constructor(options: { adapter: SqlDriverAdapterFactory }) {
    this.#factory = options.adapter;
  }

  async $queryRawUnsafe(sql: string): Promise<unknown> {
    const adapter = await (this.#adapter ??= this.#factory.connect());
    return adapter.queryRaw({ sql, args: [], argTypes: [] });
  }

  async $disconnect(): Promise<void> {
    const adapter = this.#adapter;
    this.#adapter = undefined;
    await (await adapter?.catch(() => undefined))?.dispose();
  }
}
