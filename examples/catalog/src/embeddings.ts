// Deterministic 8-dimensional embeddings computed in code (feature hashing; no model download),
// and the Qdrant collections the catalog service uses.
import type { QdrantCollectionSchema } from 'database-config';
// Plain JSON, so that configs loaded without a TypeScript transform (jest.config.mjs) can read it too.
import collections from '../collections.json' with { type: 'json' };

/** Dimensions of every catalog vector. */
export const EMBEDDING_SIZE = 8;

/** A collection schema whose payload indexes are spelled out (usable before and after validation). */
export type CatalogCollectionSchema = QdrantCollectionSchema &
  Required<Pick<QdrantCollectionSchema, 'payloadIndexes'>>;

/**
 * The Qdrant collections of the catalog (names before the config's `collectionPrefix`): pass them
 * as `loadDatabaseConfig(env, { qdrant: { collections: CATALOG_COLLECTIONS } })`, or straight to
 * `initializeQdrantCollections(client, { collectionPrefix, collections: CATALOG_COLLECTIONS })`.
 */
export const CATALOG_COLLECTIONS = collections as unknown as CatalogCollectionSchema[];

/** 32-bit FNV-1a hash of a string. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Lower-case words of a text (letters and digits). */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * A unit-length vector for a text: each word adds ±1 to one of {@link EMBEDDING_SIZE} buckets
 * chosen by its hash, so texts sharing words point in similar directions. The same text always
 * gives the same vector; a text without words gives the first unit vector.
 */
export function embedText(text: string): number[] {
  const vector = new Array<number>(EMBEDDING_SIZE).fill(0);
  for (const word of words(text)) {
    const hash = fnv1a(word);
    vector[hash % EMBEDDING_SIZE]! += hash & 0x100 ? 1 : -1;
  }
  const norm = Math.hypot(...vector);
  if (norm === 0) return vector.map((_, i) => (i === 0 ? 1 : 0));
  return vector.map((value) => value / norm);
}

/** The vector of a product: its name, its category's name (counted twice) and its description. */
export function productEmbedding(product: {
  name: string;
  categoryName: string;
  description?: string | null;
}): number[] {
  return embedText(
    [product.name, product.categoryName, product.categoryName, product.description ?? ''].join(' '),
  );
}
