import type { StoreName } from 'database-config/internal';

/**
 * Each store's server port inside its container (the official images'). Here, not in the container
 * modules, so the stack reads a started container's URL without loading testcontainers.
 */
export const CONTAINER_PORTS = {
  postgres: 5432,
  mongodb: 27017,
  redis: 6379,
  qdrant: 6333,
} as const satisfies Record<StoreName, number>;
