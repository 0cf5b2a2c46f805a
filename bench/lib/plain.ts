// Baseline namespaces with plain clients and no plugin: what a project without this library does.
// A PostgreSQL database cloned from the stack's template (no change tracking), a MongoDB database
// migrated with migrate-mongo, a Redis logical database, Qdrant collections under a prefix.
import type { QdrantClient } from '@qdrant/js-client-rest';
import type { Redis } from 'ioredis';
import type { Db, MongoClient } from 'mongodb';
import pg from 'pg';
import type { QdrantCollectionSchema } from 'database-config/internal';
import {
  databaseUrl,
  dropDatabase,
  quoteIdent,
  withAdminClient,
  migrateMongoUp,
} from '../../src/internal/bench.js';
import { onCleanup } from './cleanup.js';
import { userTables } from './example.js';

/** A database cloned from `template` (or empty), with a pool and the naive reset statements. */
export class PlainPostgres {
  readonly pool: pg.Pool;
  tables: string[] = [];

  private constructor(
    readonly serverUrl: string,
    readonly name: string,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl(serverUrl, name), max: 4 });
    this.pool.on('error', () => undefined);
  }

  static async create(serverUrl: string, name: string, template: string | undefined): Promise<PlainPostgres> {
    await withAdminClient(serverUrl, async (admin) => {
      await dropDatabase(admin, name);
      await admin.query(
        `CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''}`,
      );
    });
    const plain = new PlainPostgres(serverUrl, name);
    onCleanup(`drop database ${name}`, () => plain.drop());
    plain.tables = await userTables(plain.pool);
    return plain;
  }

  /** TRUNCATE of every table in one statement. */
  get truncateAllSql(): string {
    return `TRUNCATE ${this.tables.join(', ')} RESTART IDENTITY CASCADE`;
  }

  /** DELETE of every table, children first, in one round trip. */
  get deleteAllSql(): string {
    return this.tables.map((t) => `DELETE FROM ${t}`).join(';\n');
  }

  #dropped = false;
  async drop(): Promise<void> {
    if (this.#dropped) return;
    this.#dropped = true;
    await this.pool.end().catch(() => undefined);
    await withAdminClient(this.serverUrl, (admin) => dropDatabase(admin, this.name));
  }
}

/** A MongoDB database migrated from scratch, and the naive resets. */
export class PlainMongo {
  readonly db: Db;

  private constructor(
    readonly client: MongoClient,
    readonly name: string,
    readonly migrations: string | undefined,
  ) {
    this.db = client.db(name);
  }

  static async create(uri: string, name: string, migrations: string | undefined): Promise<PlainMongo> {
    const { MongoClient } = await import('mongodb');
    const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 10_000 });
    const plain = new PlainMongo(client, name, migrations);
    onCleanup(`drop mongo database ${name}`, () => plain.close());
    await plain.dropAndMigrate();
    return plain;
  }

  /** dropDatabase, then every migration again. */
  async dropAndMigrate(): Promise<void> {
    await this.db.dropDatabase();
    if (this.migrations) await migrateMongoUp(this.client, this.db, this.migrations);
  }

  /** deleteMany({}) on every collection (listed, as a generic afterEach would). */
  async deleteManyAll(): Promise<void> {
    const names = (await this.db.listCollections({}, { nameOnly: true }).toArray())
      .map((c) => c.name)
      .filter((n) => !n.startsWith('system.'));
    await Promise.all(names.map((n) => this.db.collection(n).deleteMany({})));
  }

  #closed = false;
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.db.dropDatabase().catch(() => undefined);
    await this.client.close();
  }
}

/** A plain ioredis client on logical database `db` of the server. */
export async function plainRedis(url: string, db: number): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, {
    db,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  await client.connect();
  onCleanup(`flush redis db ${db}`, async () => {
    await client.flushdb().catch(() => undefined);
    client.disconnect();
  });
  return client;
}

/** Qdrant collections under a prefix, created and recreated by hand (no initializer). */
export class PlainQdrant {
  private constructor(
    readonly client: QdrantClient,
    readonly prefix: string,
    readonly collections: QdrantCollectionSchema[],
  ) {}

  static async create(
    url: string,
    prefix: string,
    collections: QdrantCollectionSchema[],
  ): Promise<PlainQdrant> {
    const { QdrantClient } = await import('@qdrant/js-client-rest');
    const plain = new PlainQdrant(new QdrantClient({ url, checkCompatibility: false }), prefix, collections);
    onCleanup(`delete qdrant collections ${prefix}*`, () => plain.deleteAll());
    await plain.recreate();
    return plain;
  }

  name(collection: string): string {
    return `${this.prefix}${collection}`;
  }

  async deleteAll(): Promise<void> {
    await Promise.all(
      this.collections.map((c) => this.client.deleteCollection(this.name(c.name)).catch(() => undefined)),
    );
  }

  /** Deletes and creates every collection again, with its payload indexes. */
  async recreate(): Promise<void> {
    await Promise.all(
      this.collections.map(async (c) => {
        const name = this.name(c.name);
        await this.client.deleteCollection(name);
        await this.client.createCollection(name, { vectors: c.vectors as never });
        for (const [field, type] of Object.entries(c.payloadIndexes ?? {}))
          await this.client.createPayloadIndex(name, {
            field_name: field,
            field_schema: type as never,
            wait: true,
          });
      }),
    );
  }
}
