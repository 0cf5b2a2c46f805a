import type { ResolvedQdrantCollectionSchema, StoreName } from 'database-config/internal';

/** What the stack reads of each store's entry in the fixture config. */
export interface StoreStackConfig {
  /** Image to start instead of the default. */
  image?: string;
  /** Command of the container, replacing the test-grade default. */
  command?: string[];
  /** Extra environment of the container. */
  env?: Record<string, string>;
  /** An external server instead of a container. */
  url?: string;
  /** A fixed host port for the container. */
  port?: number;
  /** Folder of migrations applied once into a template database (PostgreSQL, MongoDB). */
  migrations?: string;
}

/**
 * The options {@link startDatabaseStack} needs: the setup's validated fixture config satisfies
 * it, so the stack does not depend on the setup.
 */
export interface StackConfig {
  postgres?: StoreStackConfig & { migrate: 'sql' | 'prisma'; testGrade: boolean };
  mongodb?: StoreStackConfig;
  redis?: StoreStackConfig & { databases: number; namespace?: 'database' | 'prefix' };
  qdrant?: StoreStackConfig & {
    apiKey?: string;
    collections?: ResolvedQdrantCollectionSchema[];
    testGrade?: boolean;
  };
  /** The end-of-run report is on. */
  report?: boolean;
  /** Keep containers running and attach to them next time. */
  reuse?: boolean;
  /** Allow external servers on hosts that are not local. */
  allowRemote?: boolean;
  /** Which stores start now: those the run's test files name (`'used'`), or all. */
  start?: 'used' | 'all';
  /** Folder that relative paths are resolved from. */
  root?: string;
}

/** One store's entry of the stack config. */
export type StoreConfigOf<S extends StoreName> = NonNullable<StackConfig[S]>;
