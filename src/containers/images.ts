import type { StoreName } from 'database-config/internal';

/**
 * The image each store starts from, in one place. The official images are the defaults;
 * each store's environment variable overrides it (machines with no registry set these to
 * the locally built images, see `images/offline.env`).
 */
export const STORE_IMAGES = {
  postgres: { default: 'postgres:17-alpine', env: 'DBC_POSTGRES_IMAGE' },
  mongodb: { default: 'mongo:8', env: 'DBC_MONGODB_IMAGE' },
  redis: { default: 'redis:7-alpine', env: 'DBC_REDIS_IMAGE' },
  qdrant: { default: 'qdrant/qdrant:v1.18.2', env: 'DBC_QDRANT_IMAGE' },
} as const satisfies Record<StoreName, { default: string; env: string }>;

/** The image to start for `store`: its override variable when set, else the official image. */
export function resolveImage(store: StoreName, env: NodeJS.ProcessEnv = process.env): string {
  const { default: fallback, env: variable } = STORE_IMAGES[store];
  const override = env[variable]?.trim();
  return override ? override : fallback;
}

/** Whether `image` is an official MongoDB image (whose testcontainers module starts a replica set). */
export function isOfficialMongoImage(image: string): boolean {
  return (
    /^(docker\.io\/)?(library\/)?mongo(:|@|$)/.test(image) ||
    /^mongodb\/mongodb-(community|enterprise)-server(:|@|$)/.test(image)
  );
}
