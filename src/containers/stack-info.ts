import type { ResolvedQdrantCollectionSchema, StoreName } from 'database-config/internal';
import type { StackConfig } from './stack-config.js';

/**
 * What workers need to reach the started (or external) stores: plain data, handed over through
 * Vitest's provide/inject or, for Jest, an environment variable.
 */
export interface StackInfo {
  /** Identifies this run; part of the names of the worker databases it creates. */
  runId: string;
  postgres?: {
    /** URL with credentials; the database part is replaced per worker. */
    url: string;
    /** Template database holding the migrated schema, when migrations are configured. */
    template?: string;
    /** `CREATE DATABASE ... STRATEGY` that is faster on this server (see FACTS: depends on durability settings). */
    cloneStrategy: 'FILE_COPY' | 'WAL_LOG';
    external: boolean;
  };
  mongodb?: {
    /** URL of the server; the database is chosen per worker. */
    url: string;
    /** Template database holding the migrated collections, when migrations are configured. */
    template?: string;
    external: boolean;
  };
  redis?: {
    url: string;
    databases: number;
    external: boolean;
    /** Worker namespaces: logical databases, or key prefixes in the URL's database. */
    namespace: 'database' | 'prefix';
  };
  qdrant?: { url: string; apiKey?: string; collections: ResolvedQdrantCollectionSchema[]; external: boolean };
  /**
   * Configured stores the run's test files were not seen to use: not started by the global setup,
   * but by the first worker that asks (src/containers/on-demand-start.ts). Their parts above hold
   * the URL they will have (a host port reserved for them); the rest is written to the run folder.
   */
  startLater?: { stores: StoreName[]; config: StackConfig; ownerPid: number };
  /** The end-of-run report is on (`report: true` or `DBC_REPORT=true`): workers record each test's database work. */
  report?: true;
  /** Milliseconds of each phase: `start.<store>_ms`, `start.all_ms`, `migrate.<store>_ms`, `total_ms`. */
  timings: Record<string, number>;
}

/** One store's part of the {@link StackInfo}. */
export type StoreInfo<S extends StoreName> = NonNullable<StackInfo[S]>;
