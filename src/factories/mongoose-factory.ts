// Factories for mongoose models: create() saves through the current test's connection with
// `connection.model(name).create(object)` and returns the saved document as a plain object.
import type { Connection, Types } from 'mongoose';
import { factoryClients } from './clients.js';
import { FactoryDefinitionError, FactoryUniqueCollisionError } from './errors.js';
import type { TransientOf, TransientParent } from './parents.js';
import type { DefineFn, FactoryOptions, InferredDefineFn } from './factory-types.js';
import { storeFactory, type StoreFactory } from './store-factory.js';

/** A saved document: the built object with its `_id` (and what the schema adds, e.g. timestamps). */
export type MongoDocument<T> = T & { _id: Types.ObjectId };

/** A model name registered on the connection (`'Review'`), or a getter registering it (`reviewModel`). */
export type MongooseModelRef = string | ((connection: Connection) => { modelName: string });

type Creator = { create(doc: unknown): Promise<{ toObject(): unknown }> };

function modelOn(connection: Connection, ref: MongooseModelRef, label: string): Creator {
  if (typeof ref !== 'string') return ref(connection) as unknown as Creator;
  if (!connection.modelNames().includes(ref)) {
    throw new FactoryDefinitionError(label, {
      kind: 'unknown-mongoose-model',
      model: ref,
      models: connection.modelNames(),
    });
  }
  return connection.model(ref) as unknown as Creator;
}

/**
 * A factory for a mongoose model: `define` returns the document to save; create() saves it with
 * `connection.model(model).create(...)` on the current test's connection.
 *
 * @example
 * const reviews = mongooseFactory('Review', ({ faker }) => ({ productId: 1, userId: 1, stars: 5, body: faker.lorem.sentence() }));
 */
export function mongooseFactory<
  T extends object,
  I extends object = object,
  K extends string = never,
  TP extends Record<string, TransientParent> = Record<never, never>,
>(
  model: MongooseModelRef,
  define: InferredDefineFn<T, TransientOf<I, TP>>,
  options: FactoryOptions<T, I, MongoDocument<T>, K, TP> & {
    /** Name used in messages. @default the model name, or the getter's name without `Model` */
    label?: string;
  } = {},
): StoreFactory<T, TransientOf<I, TP>, MongoDocument<T>, K> {
  const label =
    options.label ?? (typeof model === 'string' ? model : model.name.replace(/Model$/, '') || 'mongoose');
  return storeFactory<T, I, MongoDocument<T>, K, TP>(
    { label, store: 'mongodb' },
    define as DefineFn<T, TransientOf<I, TP>, MongoDocument<T>>,
    options,
    async (object) => {
      const connection = await factoryClients(label).mongo();
      try {
        const doc = await modelOn(connection, model, label).create(object);
        return doc.toObject() as MongoDocument<T>;
      } catch (error) {
        if ((error as { code?: unknown }).code === 11000) {
          const { keyPattern, keyValue } = error as { keyPattern?: object; keyValue?: object };
          const fields = Object.keys(keyPattern ?? keyValue ?? {});
          throw new FactoryUniqueCollisionError('mongodb', label, fields, error);
        }
        throw error;
      }
    },
  );
}
