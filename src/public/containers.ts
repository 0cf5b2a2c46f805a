// Public surface of `database-config-testing/containers`: the containers the fixtures start, for
// users who want them directly.
export { STORE_IMAGES, resolveImage, isOfficialMongoImage } from '../containers/images.js';
export {
  postgresContainer,
  TEST_GRADE_POSTGRES_SETTINGS,
  POSTGRES_DATA_DIR,
} from '../containers/postgres/postgres-container.js';
export type { PostgresContainerOptions } from '../containers/postgres/postgres-container.js';
export type { ContainerOptions } from '../containers/container-options.js';
export type { RedisContainerOptions } from '../containers/redis/redis-container.js';
export { mongodbContainer, MONGODB_PORT } from '../containers/mongodb/mongodb-container.js';
export { redisContainer } from '../containers/redis/redis-container.js';
export { qdrantContainer, QDRANT_HTTP_PORT } from '../containers/qdrant/qdrant-container.js';
export { STORE_NAMES } from 'database-config';
export type { StoreName } from 'database-config';
