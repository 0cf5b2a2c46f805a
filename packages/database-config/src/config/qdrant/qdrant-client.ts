import type { QdrantClient } from '@qdrant/js-client-rest';
import { importPeer } from '../peer.js';
import { currentTestOverrides } from '../test-overrides.js';
import type { QdrantConfig } from './qdrant-config.js';

/**
 * A Qdrant REST client with the config's URL, API key and timeout. The client's server version
 * check is off: it runs in the background on every new client and only warns.
 */
export async function createQdrantClient(config: QdrantConfig): Promise<QdrantClient> {
  const { QdrantClient } = await importPeer(
    'qdrant',
    '@qdrant/js-client-rest',
    () => import('@qdrant/js-client-rest'),
  );
  await currentTestOverrides()?.ready?.('qdrant');
  const client = new QdrantClient({
    url: config.url,
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    timeout: config.timeoutMs,
    checkCompatibility: false,
  });
  const onClient = currentTestOverrides()?.onClient;
  return onClient ? onClient('qdrant', client) : client;
}
