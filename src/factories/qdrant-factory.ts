// Factories for Qdrant points: upserted (wait: true) into the collection under the current
// test's prefix, after their vector size is checked against the collection's schema.
import { factoryClients } from './clients.js';
import type { TransientOf, TransientParent } from './parents.js';
import { checkVectorSize, registeredVectorSize, type VectorSize } from './qdrant-vector-sizes.js';
import type { DefineFn, FactoryOptions, InferredDefineFn } from './factory-types.js';
import { storeFactory, type StoreFactory } from './store-factory.js';

/** What a Qdrant factory builds: one point. */
export interface QdrantPoint<Payload extends Record<string, unknown> = Record<string, unknown>> {
  /** An unsigned integer or a UUID. */
  id: number | string;
  /** The vector, or one per vector name for collections with named vectors. */
  vector: number[] | Record<string, number[]>;
  /** The payload, e.g. the id of the row the point stands for. @default {} */
  payload?: Payload;
}

/**
 * A factory for points of a Qdrant collection (`collection` without prefix): create() upserts the
 * point (`wait: true`) into `<prefix><collection>` of the current test (prefix: the worker's, or
 * `qdrantCollectionPrefix` of persistWith's clients). A vector of the wrong size is refused
 * before the request; the size is `options.size`, else the one registered by
 * `registerQdrantCollections` (the fixtures register the stack's collection schemas).
 *
 * @example
 * const points = qdrantFactory('products', ({ sequence }) => ({ id: sequence, vector: embedText(`p${sequence}`) }), { size: 8 });
 */
export function qdrantFactory<
  T extends QdrantPoint,
  I extends object = object,
  K extends string = never,
  TP extends Record<string, TransientParent> = Record<never, never>,
>(
  collection: string,
  define: InferredDefineFn<T, TransientOf<I, TP>>,
  options: FactoryOptions<T, I, T, K, TP> & {
    /** The collection's vector size (per name for named vectors). @default the registered size */
    size?: VectorSize;
  } = {},
): StoreFactory<T, TransientOf<I, TP>, T, K> {
  const label = `qdrant:${collection}`;
  return storeFactory<T, I, T, K, TP>(
    { label, store: 'qdrant' },
    define as DefineFn<T, TransientOf<I, TP>, T>,
    options,
    async (point) => {
      checkVectorSize(collection, options.size ?? registeredVectorSize(collection), point.vector);
      const clients = factoryClients(label);
      const qdrant = await clients.qdrant();
      await qdrant.upsert(clients.qdrantCollection(collection), {
        wait: true,
        points: [{ id: point.id, vector: point.vector, payload: point.payload ?? {} }],
      });
      return point;
    },
  );
}
