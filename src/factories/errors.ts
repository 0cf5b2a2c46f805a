// Errors of the factories. They live here until they join src/errors.ts; each extends
// DatabaseConfigError, names the factory and says what to do.
import { DatabaseConfigError, describeCause } from '../errors.js';
import type { StoreName } from '../stores.js';

/** Parents declared by factories lead back to a factory already being created. */
export class FactoryCycleError extends DatabaseConfigError {
  override name = 'FactoryCycleError';
  /** The factories in creation order, the repeated one last (e.g. `['user', 'order', 'user']`). */
  readonly chain: readonly string[];

  constructor(chain: readonly string[]) {
    super(
      `Association cycle between factories: ${chain.join(' -> ')}. create() makes a factory's parents first, so ` +
        'this would never end: pass the parent explicitly on one side (e.g. create({ userId: user.id })), or remove ' +
        'one of the parents declarations and set that reference in an afterCreate hook instead.',
    );
    this.chain = chain;
  }
}

/**
 * A factory's row hit a unique constraint (Prisma P2002, MongoDB E11000): usually a value built
 * from the sequence, which restarts at 1 in every test.
 */
export class FactoryUniqueCollisionError extends DatabaseConfigError {
  override name = 'FactoryUniqueCollisionError';
  /** The factory (Prisma model delegate or mongoose model). */
  readonly factory: string;
  /** The unique fields, when the store said which. */
  readonly fields: readonly string[];

  constructor(store: StoreName, factory: string, fields: readonly string[], cause: unknown) {
    const on = fields.length > 0 ? ` on (${fields.join(', ')})` : '';
    super(
      `create() of the "${factory}" factory hit a unique constraint${on}: ${describeCause(cause)}. ` +
        'Factory sequences restart at 1 in every test, so rows created in a beforeAll (file scope) or by seed data ' +
        'with the same sequence values collide with this test’s rows. Give the field explicitly ' +
        `(${factory}.params({ ... }) or create({ ... })), or build file-scope rows from a different sequence offset ` +
        '(e.g. `sequence + 1000` in the define function).',
      { store, cause },
    );
    this.factory = factory;
    this.fields = fields;
  }
}

/** A Qdrant point's vector does not have the size of its collection; caught before the request. */
export class QdrantVectorSizeError extends DatabaseConfigError {
  override name = 'QdrantVectorSizeError';
  readonly collection: string;
  readonly expected: number;
  readonly actual: number;

  constructor(collection: string, vector: string | undefined, expected: number, actual: number) {
    const which = vector === undefined ? 'vector' : `vector "${vector}"`;
    super(
      `The ${which} of a point for the Qdrant collection "${collection}" has ${actual} dimensions, but the ` +
        `collection's schema says ${expected}: make the factory produce vectors of size ${expected} (or fix the size ` +
        'given to qdrantFactory / the collection schema).',
      { store: 'qdrant' },
    );
    this.collection = collection;
    this.expected = expected;
    this.actual = actual;
  }
}

/** A factory's definition or call does not fit its store (unknown trait, model, scenario, record shape). */
export class FactoryDefinitionError extends DatabaseConfigError {
  override name = 'FactoryDefinitionError';
  /** The factory or scenario involved. */
  readonly factory: string;

  constructor(factory: string, problem: string, options: { store?: StoreName; cause?: unknown } = {}) {
    super(`Factory "${factory}": ${problem}`, options);
    this.factory = factory;
  }
}
