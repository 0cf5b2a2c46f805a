import { describe, expect } from 'vitest';
import { test } from './db.js';

describe('Qdrant', () => {
  test('upserts points into the worker collections', async ({ qdrant, db }) => {
    const products = `${db.names.qdrant}products`;
    await qdrant.upsert(products, {
      wait: true,
      points: [{ id: 1, vector: [1, 0, 0, 0, 0, 0, 0, 0], payload: { categoryId: 1 } }],
    });
    expect((await qdrant.count(products)).count).toBe(1);
  });

  test('...and the next test finds them empty, with their payload indexes', async ({ qdrant, db }) => {
    const products = `${db.names.qdrant}products`;
    expect((await qdrant.count(products)).count).toBe(0);
    const info = await qdrant.getCollection(products);
    expect(Object.keys(info.payload_schema ?? {}).sort()).toEqual(['categoryId', 'sku']);
  });

  test('changes a collection setting', async ({ qdrant, db }) => {
    await qdrant.createPayloadIndex(`${db.names.qdrant}products`, {
      field_name: 'extra',
      field_schema: 'keyword',
      wait: true,
    });
  });

  test('...and the next test has the collection as the schema says', async ({ qdrant, db }) => {
    const info = await qdrant.getCollection(`${db.names.qdrant}products`);
    expect(Object.keys(info.payload_schema ?? {}).sort()).toEqual(['categoryId', 'sku']);
  });

  test('collections of other workers are not this worker’s', async ({ qdrant, db }) => {
    const { collections } = await qdrant.getCollections();
    const own = collections.map((c) => c.name).filter((name) => name.startsWith(db.names.qdrant));
    expect(own.sort()).toEqual([`${db.names.qdrant}products`, `${db.names.qdrant}reviews`]);
  });
});
