import type { ContainerUrl } from '../containers/container-options.js';
import { mongodbContainerUrl } from '../containers/mongodb/mongodb-container.js';
import { postgresContainerUrl } from '../containers/postgres/postgres-container.js';
import { qdrantContainerUrl } from '../containers/qdrant/qdrant-container.js';
import { redisContainerUrl } from '../containers/redis/redis-container.js';
import type { StoreName } from 'database-config/internal';

export type { UrlParts } from '../containers/container-options.js';

/**
 * Per store, the URL its container module gives (src/containers/store-containers.ts `url()`), rebuilt
 * from what Docker reports: the testcontainers modules put the credentials in the environment
 * (PostgreSQL, MongoDB) or the server command (Redis's `--requirepass`). Each store's part sits
 * beside its container definition.
 */
export const STORE_URLS: Record<StoreName, ContainerUrl> = {
  postgres: postgresContainerUrl,
  mongodb: mongodbContainerUrl,
  redis: redisContainerUrl,
  qdrant: qdrantContainerUrl,
};
