// Qdrant collection initialisation against the stack's server, the paths beyond creating: a payload
// index whose type changed is recreated, and a request the server refuses or a server that does not
// answer becomes a MigrationError naming the collection and the server's words.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createQdrantClient,
  initializeQdrantCollections,
  MigrationError,
  type QdrantCollectionSchema,
} from 'database-config';
import { stackConfig, unreachable } from './helpers.js';

function setup(collections: QdrantCollectionSchema[]) {
  const prefix = `c${randomUUID().slice(0, 8)}_`;
  const config = stackConfig({
    stores: ['qdrant'],
    qdrant: { collectionPrefix: prefix, collections },
  }).qdrant!;
  return { prefix, config };
}

describe('initializeQdrantCollections: changes and failures', () => {
  it('recreates a payload index whose type changed in the schema, keeping the points', async () => {
    const { prefix, config } = setup([
      { name: 'items', vectors: { size: 2, distance: 'Dot' }, payloadIndexes: { code: 'keyword' } },
    ]);
    const client = await createQdrantClient(config);
    await initializeQdrantCollections(client, config);
    await client.upsert(`${prefix}items`, {
      wait: true,
      points: [{ id: 1, vector: [1, 0], payload: { code: 5 } }],
    });

    const report = await initializeQdrantCollections(client, {
      ...config,
      collections: [{ ...config.collections[0]!, payloadIndexes: { code: 'integer' } }],
    });
    expect(report).toEqual({ created: [], unchanged: [], indexes: [`${prefix}items.code`] });
    const info = await client.getCollection(`${prefix}items`);
    expect((info.payload_schema as Record<string, { data_type: string }>).code!.data_type).toBe('integer');
    expect((await client.count(`${prefix}items`)).count).toBe(1);
    await client.deleteCollection(`${prefix}items`);
  });

  it('names the collection and the unreachable server when nothing answers', async () => {
    const { prefix, config } = setup([{ name: 'gone', vectors: { size: 2, distance: 'Dot' } }]);
    const offline = { ...config, url: unreachable(config.url) };
    const client = await createQdrantClient(offline);
    const error = await initializeQdrantCollections(client, offline).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migration).toBe(`collection "${prefix}gone"`);
    expect((error as MigrationError).message).toMatch(
      new RegExp(
        `^Migration collection "${prefix}gone" failed on qdrant: .+\\. Check QDRANT_URL and the collection schema\\.$`,
      ),
    );
    expect((error as MigrationError).store).toBe('qdrant');
  });

  it("carries the server's own error text when it refuses a request", async () => {
    const valid = setup([{ name: 'bad', vectors: { size: 2, distance: 'Dot' } }]);
    const { prefix } = valid;
    // Past the config's validation (which refuses it), as a schema built in code could be.
    const config = {
      ...valid.config,
      collections: [{ ...valid.config.collections[0]!, payloadIndexes: { f: 'no-such-type' as 'keyword' } }],
    };
    const client = await createQdrantClient(config);
    const error = await initializeQdrantCollections(client, config).catch((e: unknown) => e);
    await client.deleteCollection(`${prefix}bad`).catch(() => undefined);
    expect(error).toBeInstanceOf(MigrationError);
    const message = (error as MigrationError).message;
    expect(message.startsWith(`Migration collection "${prefix}bad" failed on qdrant: `)).toBe(true);
    // Qdrant's own words (data.status.error), not the client's bare status text.
    expect(message).toContain(
      'Format error in JSON body: data did not match any variant of untagged enum PayloadFieldSchema',
    );
  });
});
