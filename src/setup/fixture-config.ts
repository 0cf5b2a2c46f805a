import type { input, output } from 'zod/mini';
import { ConfigValidationError, lazy, z, type ConfigIssue } from 'database-config/internal';
import type { QdrantCollectionSchema } from 'database-config/internal';
import { QDRANT_FIELDS } from 'database-config/internal';
import { STORE_NAMES, type StoreName } from 'database-config/internal';
import { isolationSchema } from '../fixtures/isolation-options.js';

function buildSchema() {
  const container = {
    /** Image to start instead of the default (see `DBC_<STORE>_IMAGE`). */
    image: z.optional(z.string().check(z.minLength(1))),
    /** Command (arguments) of the container, replacing the test-grade default. */
    command: z.optional(z.array(z.string())),
    /** Extra environment of the container. */
    env: z.optional(z.record(z.string(), z.string())),
    /** Use this server instead of a container (external services mode); also `DBC_<STORE>_URL`. */
    url: z.optional(z.string().check(z.minLength(1))),
    /** A fixed host port for the container (to connect a GUI or a CLI); a random free one by default. */
    port: z.optional(z.int().check(z.minimum(1), z.maximum(65535))),
  };

  return z.strictObject({
    postgres: z.optional(
      z.strictObject({
        ...container,
        /** Folder of Prisma migrations (`<name>/migration.sql`), applied once into a template database. */
        migrations: z.optional(z.string().check(z.minLength(1))),
        /** How migrations are applied: this library's SQL runner, or `prisma migrate deploy` (needs the Prisma engine). */
        migrate: z._default(z.enum(['sql', 'prisma']), 'sql'),
        /** fsync, synchronous_commit and full_page_writes off, data on tmpfs. */
        testGrade: z._default(z.boolean(), true),
      }),
    ),
    mongodb: z.optional(
      z.strictObject({
        ...container,
        /** Folder of migrate-mongo migrations, applied once into a template database. */
        migrations: z.optional(z.string().check(z.minLength(1))),
      }),
    ),
    redis: z.optional(
      z.strictObject({
        ...container,
        /** Logical databases of the server: one per test worker, so this bounds the workers. */
        databases: z._default(z.int().check(z.minimum(2), z.maximum(100_000)), 64),
        /**
         * Each worker's namespace: a logical database of its own (`database`, the default with a
         * container), or a key prefix in the URL's database (`prefix`, the default with an external
         * server: other keys there are never touched, and Redis Cluster or a single-database server works).
         */
        namespace: z.optional(z.enum(['database', 'prefix'])),
      }),
    ),
    qdrant: z.optional(
      z.strictObject({
        ...container,
        /** API key of the server (external mode). */
        apiKey: z.optional(z.string().check(z.minLength(1))),
        /** Collections created for each worker (with a worker prefix). */
        collections: z.optional(QDRANT_FIELDS.collections.schema()),
        /** Storage on tmpfs, a 2 MB WAL per collection, payloads in RAM, one segment per collection, telemetry off. */
        testGrade: z._default(z.boolean(), true),
      }),
    ),
    /** Default reset strategies of every test (override per file or describe with `test.override({ isolation })`). */
    isolation: z.optional(isolationSchema()),
    /**
     * At the end of the run, print each store's per-test reset cost (count, p50, p99) and write the
     * per-test database report (`report.json`, `report.html` in `DBC_REPORT_DIR`). @default DBC_REPORT=true
     */
    report: z.optional(z.boolean()),
    /** Keep containers running after the run and attach to them next time. @default DBC_REUSE=true, and never when CI is set */
    reuse: z.optional(z.boolean()),
    /**
     * Which stores the global setup starts: `'used'`, those the run's selected test files (and the
     * files they import relatively) name, the others on a worker's first request; `'all'`, every
     * configured store. @default DBC_START, else 'used'
     */
    start: z.optional(z.enum(['used', 'all'])),
    /** Allow external servers on hosts that are not local. @default DBC_ALLOW_REMOTE=true */
    allowRemote: z.optional(z.boolean()),
    /** Folder that relative paths are resolved from. @default process.cwd() */
    root: z.optional(z.string()),
  });
}

/** Built on the first validation (see `lazy` in database-config's fields). */
const schema = lazy(buildSchema);

/** The fixture config as the user writes it: each store optional, `{}` for defaults. */
export type DatabaseFixturesConfig = Omit<input<ReturnType<typeof buildSchema>>, 'qdrant'> & {
  qdrant?: Omit<NonNullable<input<ReturnType<typeof buildSchema>>['qdrant']>, 'collections'> & {
    collections?: QdrantCollectionSchema[];
  };
};
/** The validated fixture config; plain data, so it can be handed to workers. */
export type ResolvedFixturesConfig = output<ReturnType<typeof buildSchema>>;

/**
 * Validates the fixture config (every problem listed at once) and returns it with defaults.
 *
 * @example
 * databaseFixtures(defineDatabaseFixtures({ postgres: { migrations: './prisma/migrations' }, redis: {} }))
 */
export function defineDatabaseFixtures(config: DatabaseFixturesConfig): ResolvedFixturesConfig {
  const parsed = z.safeParse(schema(), config);
  if (parsed.success) return parsed.data;
  const issues: ConfigIssue[] = parsed.error.issues.map((issue) => {
    const path = issue.path.map(String);
    const store = (STORE_NAMES as readonly string[]).includes(path[0] ?? '')
      ? (path[0] as StoreName)
      : 'options';
    const keys = 'keys' in issue ? ` ${(issue.keys as string[]).join(', ')}` : '';
    return {
      store,
      source: ['fixtures', ...path].join('.'),
      problem: `${issue.message}${keys}`,
      example:
        EXAMPLES[path.at(-1) ?? ''] ?? "{ postgres: { migrations: './prisma/migrations' }, redis: {} }",
    };
  });
  throw new ConfigValidationError(issues);
}

const EXAMPLES: Record<string, string> = {
  migrations: "'./prisma/migrations'",
  image: "'postgres:17-alpine'",
  command: "['postgres', '-c', 'fsync=off']",
  url: "'postgresql://test:test@localhost:5432/test'",
  databases: '64',
  collections: "[{ name: 'products', vectors: { size: 8, distance: 'Cosine' } }]",
  reuse: 'true',
  testGrade: 'false',
  port: '15432',
  start: "'all'",
};
