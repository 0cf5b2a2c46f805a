// The vector sizes of Qdrant collections, so a point of the wrong size is refused before the
// request: given to qdrantFactory as `size`, or registered from the stack's collection schemas.
import { QdrantVectorSizeError } from './errors.js';

/** A collection's vector size: one number (unnamed vector) or one per named vector. */
export type VectorSize = number | Readonly<Record<string, number>>;

/** What {@link registerQdrantCollections} reads of a collection schema. */
export interface CollectionVectors {
  /** The collection name without prefix. */
  name: string;
  /** One unnamed vector's params, or params per vector name. */
  vectors: { size: number } | Readonly<Record<string, { size: number }>>;
}

const KEY = Symbol.for('database-config.qdrant-vector-sizes');
type Holder = { [KEY]?: Map<string, VectorSize> };
const sizes = () => ((globalThis as Holder)[KEY] ??= new Map());

/**
 * Registers the vector sizes of collection schemas (names without prefix), e.g. the fixtures'
 * `inject('databaseStack').qdrant.collections` or your `CATALOG_COLLECTIONS`; a qdrantFactory
 * without a `size` option checks its points against them.
 */
export function registerQdrantCollections(collections: readonly CollectionVectors[]): void {
  for (const { name, vectors } of collections) {
    const size =
      typeof vectors.size === 'number'
        ? vectors.size
        : Object.fromEntries(
            Object.entries(vectors as Record<string, { size: number }>).map(([k, v]) => [k, v.size]),
          );
    sizes().set(name, size);
  }
}

/** The vector size registered for a collection (name without prefix), if any. */
export function registeredVectorSize(collection: string): VectorSize | undefined {
  return sizes().get(collection);
}

/** Throws a {@link QdrantVectorSizeError} when `vector` does not have the expected size. */
export function checkVectorSize(collection: string, expected: VectorSize | undefined, vector: unknown): void {
  if (expected === undefined) return;
  if (typeof expected === 'number') {
    const actual = Array.isArray(vector) ? vector.length : 0;
    if (actual !== expected) throw new QdrantVectorSizeError(collection, undefined, expected, actual);
    return;
  }
  const named = (vector ?? {}) as Record<string, unknown>;
  for (const [name, size] of Object.entries(expected)) {
    const value = named[name];
    if (value === undefined) continue;
    const actual = Array.isArray(value) ? value.length : 0;
    if (actual !== size) throw new QdrantVectorSizeError(collection, name, size, actual);
  }
}
