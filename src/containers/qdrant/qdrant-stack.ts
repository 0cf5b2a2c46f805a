import { resolveImage } from '../images.js';
import type { StoreStack } from '../store-stack.js';
import { CONTAINER_PORTS } from '../container-ports.js';

/** Qdrant in the stack: a container, the configured collections created per worker. */
export const qdrantStack: StoreStack<'qdrant'> = {
  image: (config) => config.image ?? resolveImage('qdrant'),
  build: async (config, options) =>
    (await import('./qdrant-container.js')).qdrantContainer({ ...options, ...config }),
  url: (started) => `http://${started.getHost()}:${started.getMappedPort(CONTAINER_PORTS.qdrant)}`,
  urlAt: (host, port) => `http://${host}:${port}`,
  info: (config, url, external) => ({
    url,
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    collections: config.collections ?? [],
    external,
  }),
};
