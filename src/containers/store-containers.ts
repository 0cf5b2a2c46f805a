import type { StartedPostgreSqlContainer } from '@testcontainers/postgresql';
import type { StartedRedisContainer } from '@testcontainers/redis';
import type { GenericContainer, StartedTestContainer } from 'testcontainers';
import type { ResolvedFixturesConfig } from '../setup/fixture-config.js';
import type { StoreName } from 'database-config/internal';
import type { ContainerOptions } from './container-options.js';
import { STORE_IMAGES, resolveImage } from './images.js';
import { mongodbContainer, MONGODB_PORT } from './mongodb/mongodb-container.js';
import { postgresContainer } from './postgres/postgres-container.js';
import { qdrantContainer, QDRANT_HTTP_PORT } from './qdrant/qdrant-container.js';
import { redisContainer } from './redis/redis-container.js';

const hostPort = (c: StartedTestContainer, port: number) => `${c.getHost()}:${c.getMappedPort(port)}`;

/** How the stack starts one store's container and reads its URL. */
export interface StoreContainer {
  image(config: ResolvedFixturesConfig): string;
  build(
    config: ResolvedFixturesConfig,
    options: ContainerOptions,
  ): Pick<GenericContainer, 'start' | 'withLogConsumer'>;
  url(started: StartedTestContainer): string;
}

export const STORE_CONTAINERS: Record<StoreName, StoreContainer> = {
  postgres: {
    image: (config) => config.postgres?.image ?? resolveImage('postgres'),
    build: (config, options) =>
      postgresContainer({ ...options, ...config.postgres, testGrade: config.postgres?.testGrade }),
    url: (started) => (started as StartedPostgreSqlContainer).getConnectionUri(),
  },
  mongodb: {
    image: (config) => config.mongodb?.image ?? resolveImage('mongodb'),
    build: (config, options) => mongodbContainer({ ...options, ...config.mongodb }),
    url: (started) => `mongodb://${hostPort(started, MONGODB_PORT)}/?directConnection=true`,
  },
  redis: {
    image: (config) => config.redis?.image ?? resolveImage('redis'),
    build: (config, options) => redisContainer({ ...options, ...config.redis }),
    url: (started) => (started as StartedRedisContainer).getConnectionUrl(),
  },
  qdrant: {
    image: (config) => config.qdrant?.image ?? resolveImage('qdrant'),
    build: (config, options) => qdrantContainer({ ...options, ...config.qdrant }),
    url: (started) => `http://${hostPort(started, QDRANT_HTTP_PORT)}`,
  },
};

/** What to do when a store's container fails to start, from the error's words. */
export function startFailureHint(
  store: StoreName,
  image: string,
  error: unknown,
  imagePresent: boolean,
  port?: number,
  hasLogs = false,
): string {
  const text = String((error as Error)?.message ?? error);
  const variable = STORE_IMAGES[store].env;
  if (/registry|pull|manifest|no such image|not found|repository does not exist/i.test(text)) {
    if (imagePresent && process.env.TESTCONTAINERS_RYUK_DISABLED !== 'true') {
      return (
        `The image ${image} is present, so the failed pull is testcontainers' reaper (Ryuk). ` +
        'Where its image cannot be pulled, set TESTCONTAINERS_RYUK_DISABLED=true (database-config then removes ' +
        'containers of dead runs itself), or set RYUK_CONTAINER_IMAGE to a reaper image you have.'
      );
    }
    return `The image ${image} is not available locally and cannot be pulled: pull or build it, or set ${variable} to an image you have.`;
  }
  if (/port is already allocated|address already in use/i.test(text)) {
    return port
      ? `Host port ${port} (fixtures.${store}.port) is taken by another process or container: free it, or choose another port (without one, a random free port is used).`
      : 'A host port is already taken: stop the other container, and run again.';
  }
  if (/Conflict/i.test(text)) {
    return 'A container of the same name exists: remove it (docker rm -f <name>), and run again.';
  }
  if (/ECONNREFUSED|socket hang up|EPIPE|ECONNRESET|connect ENOENT/i.test(text)) {
    return 'The Docker engine stopped answering during start: check `docker info`, then run again.';
  }
  if (hasLogs || /is not running|exited|unhealthy/i.test(text)) {
    return (
      `The server in the container failed during start: fix what its last log lines (below) point at, in ` +
      `fixtures.${store}.command (a replaced server command), fixtures.${store}.env or the image (${variable}), and run again.`
    );
  }
  return `Check the container logs (docker logs) and the ${variable} image.`;
}
