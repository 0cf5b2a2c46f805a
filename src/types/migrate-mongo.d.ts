// The part of migrate-mongo's programmatic API this library uses (the package ships no types).
declare module 'migrate-mongo' {
  import type { Db, MongoClient } from 'mongodb';

  export const config: { set(content: Record<string, unknown>): void };
  export function up(db: Db, client: MongoClient): Promise<string[]>;
}
