// Qdrant vector sizes checked before a point is sent: one unnamed vector or named vectors, sizes
// given or registered from collection schemas (pure logic; the isolation suite sends real points).
import { describe, expect, it } from 'vitest';
import { QdrantVectorSizeError } from 'database-config/internal';
import {
  checkVectorSize,
  registeredVectorSize,
  registerQdrantCollections,
} from '../../src/factories/qdrant-vector-sizes.js';

const refusal = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    return error as QdrantVectorSizeError;
  }
  throw new Error('no error thrown');
};

describe('qdrant vector sizes', () => {
  it('registers the size of an unnamed vector and of named vectors; unknown collections have none', () => {
    registerQdrantCollections([
      { name: 'sizes_plain', vectors: { size: 3 } },
      { name: 'sizes_named', vectors: { text: { size: 2 }, image: { size: 4 } } },
    ]);
    expect(registeredVectorSize('sizes_plain')).toBe(3);
    expect(registeredVectorSize('sizes_named')).toEqual({ text: 2, image: 4 });
    expect(registeredVectorSize('sizes_unknown')).toBeUndefined();
  });

  it('an unnamed vector must have the size; anything that is no array counts as 0 dimensions', () => {
    expect(() => checkVectorSize('c', 3, [1, 2, 3])).not.toThrow();
    const error = refusal(() => checkVectorSize('c', 3, [1, 2]));
    expect(error).toBeInstanceOf(QdrantVectorSizeError);
    expect(error).toMatchObject({ collection: 'c', expected: 3, actual: 2 });
    expect(error.message).toMatch(
      /^The vector of a point for the Qdrant collection "c" has 2 dimensions, but the collection's schema says 3/,
    );
    expect(refusal(() => checkVectorSize('c', 3, { text: [1, 2, 3] }))).toMatchObject({ actual: 0 });
  });

  it('named vectors: each given one must have its size, missing ones are left out, a non-array is 0', () => {
    const sizes = { text: 2, image: 4 };
    expect(() => checkVectorSize('n', sizes, { text: [1, 2] })).not.toThrow();
    expect(() => checkVectorSize('n', sizes, undefined)).not.toThrow();
    const error = refusal(() => checkVectorSize('n', sizes, { text: [1, 2], image: [1] }));
    expect(error).toMatchObject({ collection: 'n', expected: 4, actual: 1 });
    expect(error.message).toContain('The vector "image" of a point');
    expect(refusal(() => checkVectorSize('n', sizes, { text: 'oops' }))).toMatchObject({
      expected: 2,
      actual: 0,
    });
  });

  it('without an expected size nothing is checked', () => {
    expect(() => checkVectorSize('free', undefined, 'anything')).not.toThrow();
  });
});
