import { resolveImage } from '../images.js';
import type { StoreStack } from '../store-stack.js';
import { qdrantContainer, QDRANT_HTTP_PORT } from './qdrant-container.js';

/** Qdrant in the stack: a container, the configured collections created per worker. */
export const qdrantStack: StoreStack<'qdrant'> = {
  image: (config) => config.image ?? resolveImage('qdrant'),
  build: (config, options) => qdrantContainer({ ...options, ...config }),
  url: (started) => `http://${started.getHost()}:${started.getMappedPort(QDRANT_HTTP_PORT)}`,
  urlAt: (host, port) => `http://${host}:${port}`,
  info: (config, url, external) => ({
    url,
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    collections: config.collections ?? [],
    external,
  }),
};
