import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { applyContainerOptions, type ContainerOptions, type ContainerUrl } from '../container-options.js';
import { resolveImage } from '../images.js';
import { CONTAINER_PORTS } from '../container-ports.js';

/**
 * Server settings for throwaway test data: durability off and the data directory on tmpfs
 * (measured on our machines: TRUNCATE of 10 tables 3.1 ms instead of 15.4 ms, a template
 * clone 10 ms instead of 96 ms).
 */
export const TEST_GRADE_POSTGRES_SETTINGS = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];

/** The server's port in the container. */
export const POSTGRES_PORT = CONTAINER_PORTS.postgres;

/** Data directory of the official image (and of the offline image); mounted on tmpfs. */
export const POSTGRES_DATA_DIR = '/var/lib/postgresql/data';

/** Options of {@link postgresContainer}. */
export interface PostgresContainerOptions extends ContainerOptions {
  /** Durability off and data on tmpfs. @default true */
  testGrade?: boolean;
}

/** A PostgreSQL container (official testcontainers module), test-grade by default. */
export function postgresContainer(options: PostgresContainerOptions = {}): PostgreSqlContainer {
  const container = new PostgreSqlContainer(options.image ?? resolveImage('postgres'));
  if (options.command) container.withCommand(options.command);
  else if (options.testGrade !== false) {
    container.withCommand([
      'postgres',
      ...TEST_GRADE_POSTGRES_SETTINGS.flatMap((setting) => ['-c', setting]),
    ]);
  }
  if (options.testGrade !== false) container.withTmpFs({ [POSTGRES_DATA_DIR]: 'rw' });
  return applyContainerOptions(container, options, POSTGRES_PORT);
}

/** A PostgreSQL container's URL: the module puts the database and credentials in its environment. */
export const postgresContainerUrl: ContainerUrl = {
  port: POSTGRES_PORT,
  url: ({ host, port, env }) => {
    const url = new URL('', 'postgres://');
    url.hostname = host;
    url.port = String(port);
    url.pathname = env.POSTGRES_DB ?? 'test';
    url.username = env.POSTGRES_USER ?? 'test';
    url.password = env.POSTGRES_PASSWORD ?? 'test';
    return url.toString();
  },
};
