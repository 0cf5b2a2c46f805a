import type { QdrantClient } from '@qdrant/js-client-rest';
import type { StoreConnector } from '../connector.js';
import { maskUrl } from '../mask.js';
import { createQdrantClient } from './qdrant-client.js';
import type { QdrantConfig } from './qdrant-config.js';

export const qdrantConnector: StoreConnector<QdrantConfig, QdrantClient> = {
  store: 'qdrant',
  target: (config) => maskUrl(config.url),
  async connect(config) {
    const client = await createQdrantClient(config);
    await client.getCollections();
    return client;
  },
  ping: async (client) => {
    await client.getCollections();
  },
  // The REST client holds no connection of its own.
  close: async () => undefined,
  hint: 'Check that Qdrant is running and reachable, and that QDRANT_URL and QDRANT_API_KEY are right.',
};
