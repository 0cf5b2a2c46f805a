import type { StartedPostgreSqlContainer } from '@testcontainers/postgresql';
import { ensurePostgresTemplate } from '../../migrations/postgres-migrations.js';
import { sha256 } from '../../migrations/migration-files.js';
import { resolveImage } from '../images.js';
import type { StoreStack } from '../store-stack.js';

/** PostgreSQL in the stack: a test-grade container, migrations into a template database. */
export const postgresStack: StoreStack<'postgres'> = {
  image: (config) => config.image ?? resolveImage('postgres'),
  build: async (config, options) =>
    (await import('./postgres-container.js')).postgresContainer({
      ...options,
      ...config,
      testGrade: config.testGrade,
    }),
  url: (started) => (started as StartedPostgreSqlContainer).getConnectionUri(),
  // The module's default database, user and password (test/test/test), spelled as it spells them.
  urlAt: (host, port) =>
    Object.assign(new URL('', 'postgres://'), {
      hostname: host,
      port: String(port),
      pathname: 'test',
      username: 'test',
      password: 'test',
    }).toString(),
  info: (config, url, external) => ({
    url,
    external,
    // Measured: FILE_COPY is faster with durability off (10 vs 19 ms), WAL_LOG with it on.
    cloneStrategy: config.testGrade && !external ? 'FILE_COPY' : 'WAL_LOG',
  }),
  async migrate(info, { dir, files }, config) {
    const result = await ensurePostgresTemplate(info.url, files, {
      setKey: sha256(dir).slice(0, 6),
      migrate: config.migrate,
    });
    info.template = result.template;
    return result;
  },
};
