import type { QdrantClient } from '@qdrant/js-client-rest';
import { expect } from 'vitest';
import { test } from './db.js';

// A file's beforeAll that adds a payload index and a point to a Qdrant collection: both are the
// file's baseline, which every test starts from, also after a test that changed the collection's
// settings (the collections are then recreated with the file's index and points).
const vector = (x: number) => [x, 0, 0, 0, 0, 0, 0, 0];
const indexes = async (qdrant: QdrantClient, name: string) =>
  Object.keys((await qdrant.getCollection(name)).payload_schema ?? {}).sort();

test.beforeAll(async ({ dbFile }) => {
  const qdrant = await dbFile.qdrant();
  const products = `${dbFile.names.qdrant}products`;
  await qdrant.createPayloadIndex(products, { field_name: 'brand', field_schema: 'keyword', wait: true });
  await qdrant.upsert(products, {
    wait: true,
    points: [{ id: 1, vector: vector(1), payload: { brand: 'acme' } }],
  });
});

test("a test sees the file's payload index and point", async ({ qdrant, db }) => {
  const products = `${db.names.qdrant}products`;
  expect(await indexes(qdrant, products)).toEqual(['brand', 'categoryId', 'sku']);
  expect((await qdrant.count(products)).count).toBe(1);
});

test('a test that adds an index of its own and a point', async ({ qdrant, db }) => {
  const products = `${db.names.qdrant}products`;
  await qdrant.createPayloadIndex(products, { field_name: 'extra', field_schema: 'keyword', wait: true });
  await qdrant.upsert(products, {
    wait: true,
    points: [{ id: 2, vector: vector(2), payload: { brand: 'other' } }],
  });
  expect(await indexes(qdrant, products)).toEqual(['brand', 'categoryId', 'extra', 'sku']);
});

test("...is undone: the next test has the file's index and point, not the test's", async ({ qdrant, db }) => {
  const products = `${db.names.qdrant}products`;
  expect(await indexes(qdrant, products)).toEqual(['brand', 'categoryId', 'sku']);
  const { points } = await qdrant.scroll(products, { with_payload: true, limit: 10 });
  expect(points.map((p) => [p.id, p.payload])).toEqual([[1, { brand: 'acme' }]]);
});
