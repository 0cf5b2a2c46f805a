import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CollectionSchemaConflictError,
  createQdrantClient,
  initializeQdrantCollections,
  type QdrantCollectionSchema,
} from 'database-config';
import { stackConfig } from './helpers.js';

function setup(collections: QdrantCollectionSchema[]) {
  // A prefix per test keeps tests apart on the shared server.
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  const config = stackConfig({
    stores: ['qdrant'],
    qdrant: { collectionPrefix: prefix, collections },
  }).qdrant!;
  return { prefix, config };
}

describe('initializeQdrantCollections', () => {
  it('creates collections and payload indexes, then changes nothing on a second run', async () => {
    const { prefix, config } = setup([
      {
        name: 'products',
        vectors: { size: 4, distance: 'Cosine' },
        payloadIndexes: { category: 'keyword', price: 'float' },
      },
      {
        name: 'images',
        vectors: { clip: { size: 3, distance: 'Dot' }, text: { size: 2, distance: 'Euclid' } },
      },
    ]);
    const client = await createQdrantClient(config);
    const first = await initializeQdrantCollections(client, config);
    expect(first).toEqual({
      created: [`${prefix}products`, `${prefix}images`],
      unchanged: [],
      indexes: [`${prefix}products.category`, `${prefix}products.price`],
    });
    const info = await client.getCollection(`${prefix}products`);
    expect(info.config.params.vectors).toMatchObject({ size: 4, distance: 'Cosine' });
    expect(Object.keys(info.payload_schema ?? {}).sort()).toEqual(['category', 'price']);

    await client.upsert(`${prefix}products`, {
      wait: true,
      points: [{ id: 1, vector: [1, 0, 0, 0], payload: { category: 'a' } }],
    });
    const second = await initializeQdrantCollections(client, config);
    expect(second).toEqual({ created: [], unchanged: [`${prefix}products`, `${prefix}images`], indexes: [] });
    expect((await client.count(`${prefix}products`)).count).toBe(1);
  });

  it('adds a payload index added to the schema later, keeping the points', async () => {
    const { prefix, config } = setup([{ name: 'docs', vectors: { size: 2, distance: 'Dot' } }]);
    const client = await createQdrantClient(config);
    await initializeQdrantCollections(client, config);
    await client.upsert(`${prefix}docs`, {
      wait: true,
      points: [{ id: 7, vector: [1, 1], payload: { lang: 'en' } }],
    });
    const report = await initializeQdrantCollections(client, {
      ...config,
      collections: [{ ...config.collections[0]!, payloadIndexes: { lang: 'keyword' } }],
    });
    expect(report.indexes).toEqual([`${prefix}docs.lang`]);
    expect((await client.count(`${prefix}docs`)).count).toBe(1);
  });

  it('refuses to touch a collection whose vectors differ from the schema, naming each difference', async () => {
    const { prefix, config } = setup([{ name: 'products', vectors: { size: 4, distance: 'Cosine' } }]);
    const client = await createQdrantClient(config);
    await initializeQdrantCollections(client, config);
    await client.upsert(`${prefix}products`, { wait: true, points: [{ id: 1, vector: [1, 0, 0, 0] }] });

    const changed = {
      ...config,
      collections: [{ name: 'products', vectors: { size: 8, distance: 'Dot' as const }, payloadIndexes: {} }],
    };
    const error = (await initializeQdrantCollections(client, changed).catch(
      (e: unknown) => e,
    )) as CollectionSchemaConflictError;
    expect(error).toBeInstanceOf(CollectionSchemaConflictError);
    expect(error.store).toBe('qdrant');
    expect(error.differences).toEqual([
      'vector size: schema 8, collection 4',
      'vector distance: schema Dot, collection Cosine',
    ]);
    expect(error.message).toContain(`collection "${prefix}products"`);
    expect(error.message).toContain('left untouched');
    expect((await client.count(`${prefix}products`)).count).toBe(1);
  });
});
