// The plan of a generated fuzz file, shared by the generator (plain Node) and the kit (in Vitest):
// what a file writes outside tests and the kinds of writes a test does.

export type PostgresStrategy = 'transaction' | 'truncate' | 'fresh';

/** Writes a `beforeAll` (of the file or a describe) does; `scope` makes its names unique in the run. */
export interface OutsideWrites {
  scope: string;
  users?: number;
  categories?: number;
  tags?: number;
  coupons?: number;
  /** Unique violations (each consumes a Category id and writes no row). */
  failedInserts?: number;
  reviews?: number;
  events?: number;
  /** Documents in a collection the template does not have. */
  newCollection?: number;
  /** An index on the template's `events` collection. */
  mongoIndex?: boolean;
  redisKeys?: number;
  /** Points per Qdrant collection; ids from `pointBase`. */
  points?: Record<string, number>;
  pointBase?: number;
  /** A payload index on the `products` collection. */
  payloadIndex?: boolean;
}

/** Every kind of write a test does (generate.ts picks from these). */
export const OP_KINDS = [
  'pg.create',
  'pg.unique',
  'pg.rollback',
  'pg.batch',
  'pg.nested',
  'pg.updateRef',
  'pg.deleteRef',
  'pg.deleteFile',
  'pg.raw',
  'pg.outside',
  'mongo.insert',
  'mongo.update',
  'mongo.deleteRef',
  'mongo.newCollection',
  'mongo.createIndex',
  'mongo.drop',
  'redis.set',
  'redis.hset',
  'redis.expire',
  'redis.multi',
  'redis.del',
  'qdrant.upsert',
  'qdrant.upsertUuid',
  'qdrant.delete',
  'qdrant.payloadIndex',
] as const;
export type OpKind = (typeof OP_KINDS)[number];

/** Ops that commit through a connection of the test's own: undone only by truncate and fresh. */
export const OWN_CONNECTION_OPS: readonly OpKind[] = ['pg.outside'];

/** A generated test: its id (unique in the run), the strategy its declarations resolve to, its writes. */
export interface TestPlan {
  id: string;
  strategy: PostgresStrategy;
  ops: OpKind[];
}
