// Factories for Prisma models, typed by your generated client: the define function returns the
// model's create data (a wrong field is a compile error) and create() returns the created row.
import { factoryClients } from './clients.js';
import { FactoryDefinitionError, FactoryUniqueCollisionError } from './errors.js';
import type { TransientOf, TransientParent } from './parents.js';
import type { Exact, FactoryContext, FactoryOptions } from './factory-types.js';
import { storeFactory, type StoreFactory } from './store-factory.js';

type AnyFn = (...args: never[]) => unknown;

/** The model delegate names of a Prisma client (`user`, `orderItem`, ...). */
export type PrismaModelName<Client> = {
  [K in keyof Client]: K extends `$${string}`
    ? never
    : Client[K] extends { create: AnyFn; findMany: AnyFn }
      ? K
      : never;
}[keyof Client] &
  string;

/** The `data` a model's `create()` takes. */
export type PrismaCreateData<Client, M extends PrismaModelName<Client>> = Client[M] extends {
  create(args: { data: infer D }): unknown;
}
  ? D
  : never;

/** The row a model's `create()` returns. */
export type PrismaRow<Client, M extends PrismaModelName<Client>> = Client[M] extends { create: infer F }
  ? F extends AnyFn
    ? Awaited<ReturnType<F>>
    : never
  : never;

/** Where Prisma 7 (driver adapters) and older engines put the fields of a unique violation. */
function uniqueFields(error: { meta?: Record<string, unknown> }): string[] {
  const meta = error.meta ?? {};
  const target = meta.target;
  if (Array.isArray(target)) return target.map(String);
  if (typeof target === 'string') return [target];
  const adapter = meta.driverAdapterError as
    { cause?: { constraint?: { fields?: unknown; index?: unknown } } } | undefined;
  const { fields, index } = adapter?.cause?.constraint ?? {};
  if (Array.isArray(fields)) return fields.map(String);
  return typeof index === 'string' ? [index] : [];
}

function prismaFactoryOf<Client>() {
  /**
   * A factory for the Prisma model delegate `model` (`'user'`, `'orderItem'`): `define` returns its
   * create data; create() calls `prisma[model].create({ data })` on the current test's client.
   */
  return function prismaFactory<
    M extends PrismaModelName<Client>,
    R extends PrismaCreateData<Client, M>,
    I extends object = object,
    K extends string = never,
    TP extends Record<string, TransientParent> = Record<never, never>,
  >(
    model: M,
    define: (
      context: FactoryContext<PrismaCreateData<Client, M>, TransientOf<I, TP>, PrismaRow<Client, M>>,
    ) => Exact<R, PrismaCreateData<Client, M>>,
    options: FactoryOptions<PrismaCreateData<Client, M>, I, PrismaRow<Client, M>, K, TP> = {},
  ): StoreFactory<PrismaCreateData<Client, M>, TransientOf<I, TP>, PrismaRow<Client, M>, K> {
    return storeFactory({ label: model, store: 'postgres' }, define, options, async (data) => {
      const client = (await factoryClients(model).prisma()) as Record<string, unknown>;
      const delegate = client[model] as { create?: (args: unknown) => Promise<unknown> } | undefined;
      if (typeof delegate?.create !== 'function') {
        throw new FactoryDefinitionError(model, { kind: 'unknown-prisma-model', model });
      }
      try {
        return (await delegate.create({ data })) as PrismaRow<Client, M>;
      } catch (error) {
        if ((error as { code?: unknown }).code === 'P2002') {
          throw new FactoryUniqueCollisionError('postgres', model, uniqueFields(error as never), error);
        }
        throw error;
      }
    });
  };
}

/**
 * The Prisma factory helper typed by your generated client class:
 *
 * @example
 * const { prismaFactory } = definePrismaFactories<PrismaClient>();
 * export const users = prismaFactory('user', ({ sequence, faker }) => ({
 *   email: `user${sequence}@example.com`,
 *   name: faker.person.fullName(),
 * }));
 */
export function definePrismaFactories<Client>(): {
  prismaFactory: ReturnType<typeof prismaFactoryOf<Client>>;
} {
  return { prismaFactory: prismaFactoryOf<Client>() };
}
