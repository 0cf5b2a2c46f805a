// Refuses a Qdrant point of the wrong vector size before the request: the size given to
// qdrantFactory as `size`, or registered from the stack's collection schemas.
import { QdrantVectorSizeError } from './errors.js';

import type { VectorSize } from '../fixtures/qdrant/collection-sizes.js';

export {
  registerQdrantCollections,
  registeredVectorSize,
  type CollectionVectors,
  type VectorSize,
} from '../fixtures/qdrant/collection-sizes.js';

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
