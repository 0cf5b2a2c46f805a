import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { Wait } from 'testcontainers';
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

/**
 * Readiness as the module checks it (`pg_isready` over TCP inside the container, and the port
 * reachable), polled only while the container starts. The module's Docker health check runs
 * `pg_isready` through `docker exec` every 250 ms for the container's whole life: measured on our
 * machines (2 cores), one idle PostgreSQL container kept dockerd, containerd and runc at ~15-20 % of
 * the machine's CPU, taken from the tests for as long as the run lasted. Docker >= 25 can slow a
 * health check once started (StartInterval); Docker 20.10 cannot, and testcontainers does not set it.
 * The container's environment names the module's user and database, so the probe logs no failed login.
 */
const POSTGRES_READY = () =>
  Wait.forAll([
    Wait.forSuccessfulCommand(
      'pg_isready --host localhost --username "$POSTGRES_USER" --dbname "$POSTGRES_DB"',
    ),
    Wait.forListeningPorts(),
  ]);

/** A PostgreSQL container (official testcontainers module), test-grade by default. */
export function postgresContainer(options: PostgresContainerOptions = {}): PostgreSqlContainer {
  const container = new PostgreSqlContainer(options.image ?? resolveImage('postgres'))
    // Docker's "no health check" (the module adds its own only when none is set; testcontainers'
    // type lists only CMD and CMD-SHELL): readiness is polled at start instead.
    .withHealthCheck({ test: ['NONE'] as unknown as ['CMD'] })
    .withWaitStrategy(POSTGRES_READY());
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
