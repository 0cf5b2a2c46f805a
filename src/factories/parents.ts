// Parents: factories whose rows a factory's create() makes first (a review's user and product,
// a Qdrant point's product), with cycle detection along the chain of parents being made.
import { AsyncLocalStorage } from 'node:async_hooks';
import { FactoryCycleError } from './errors.js';

/** What a parent needs of a factory: a name and create(). Every store factory is one. */
export interface ParentFactory<C> {
  /** Name used in messages (cycle chains). */
  readonly label: string;
  /** Saves a new parent and returns it. */
  create(): Promise<C>;
}

/** What a parent's `when` sees: the params and transient params of the create() call. */
export interface ParentInput {
  params: Readonly<Record<string, unknown>>;
  transient: Readonly<Record<string, unknown>>;
}

/** A parent and the value taken from its created row. Make one with {@link parent}. */
export interface ParentRef<V> {
  readonly factory: () => ParentFactory<unknown>;
  readonly pick: (created: never) => V;
  /** Creates the parent only when this returns true (and its key is not given). */
  readonly when?: (input: ParentInput) => boolean;
}

/** Options of {@link parent}. */
export interface ParentOptions<C, V> {
  /** The value handed to the child. @default the whole created row */
  pick?: (created: C) => V;
  /** Creates the parent only when this returns true, e.g. `({ transient }) => !transient.lines`. */
  when?: (input: ParentInput) => boolean;
}

/**
 * A parent of a factory: `factory` (a thunk, so factories may be declared in any order) is created
 * first, and `pick` takes the value handed to the child (default: the whole created row).
 *
 * @example
 * parents: { productId: parent(() => products, (p) => p.id) },
 * transientParents: { product: parent(() => products, { when: ({ transient }) => !transient.lines }) },
 */
export function parent<C>(
  factory: () => ParentFactory<C>,
  options?: { when?: ParentOptions<C, C>['when'] },
): ParentRef<C>;
export function parent<C, V>(
  factory: () => ParentFactory<C>,
  pick: ((created: C) => V) | (ParentOptions<C, V> & { pick: (created: C) => V }),
): ParentRef<V>;
export function parent<C, V>(
  factory: () => ParentFactory<C>,
  options?: ((created: C) => V) | ParentOptions<C, V>,
): ParentRef<V | C> {
  const { pick, when } = typeof options === 'function' ? { pick: options, when: undefined } : (options ?? {});
  return {
    factory,
    pick: (pick ?? ((created: C) => created)) as (created: never) => V | C,
    ...(when && { when }),
  };
}

/** In `parents`: a bare thunk fills the field with the parent's `id`; or a {@link parent}. */
export type FieldParent<V> = ParentRef<V> | (() => ParentFactory<{ id: V }>);
/** In `transientParents`: a bare thunk passes the whole created parent; or a {@link parent}. */
export type TransientParent = ParentRef<unknown> | (() => ParentFactory<unknown>);

/** The transient params a `transientParents` map provides. */
export type ParentValues<TP> = {
  [K in keyof TP]: TP[K] extends ParentRef<infer V>
    ? V
    : TP[K] extends () => ParentFactory<infer C>
      ? C
      : never;
};

/** The transient params of a factory: its `transient` defaults and, once created, its transient parents. */
export type TransientOf<I, TP> = I & Partial<ParentValues<TP>>;

type Link = { family: object; label: string };
const chain = new AsyncLocalStorage<readonly Link[]>();

/** Throws a {@link FactoryCycleError} when `family` is already making its parents up the chain. */
export function checkCycle(family: object, label: string): void {
  const links = chain.getStore() ?? [];
  const at = links.findIndex((link) => link.family === family);
  if (at >= 0) throw new FactoryCycleError([...links.slice(at).map((link) => link.label), label]);
}

/**
 * Runs `fn` (a factory's own build, save and hooks) outside the chain of parents: children made in
 * its afterCreate hooks start a chain of their own, so they are no cycle.
 */
export function outsideParentChain<R>(fn: () => R): R {
  return chain.exit(fn);
}

/**
 * Creates each parent whose key is not given (and whose `when` allows it), one after another (so
 * faker data stays reproducible), and returns the picked values by key.
 */
export async function createParents(
  self: Link,
  parents: Readonly<Record<string, FieldParent<unknown> | TransientParent>>,
  input: ParentInput & { given: (key: string) => boolean },
  byDefault: 'id' | 'row',
): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  const links = [...(chain.getStore() ?? []), self];
  for (const [key, ref] of Object.entries(parents)) {
    if (input.given(key)) continue;
    const { factory, pick, when } =
      typeof ref === 'function'
        ? {
            factory: ref,
            pick: (c: unknown) => (byDefault === 'id' ? (c as { id: unknown }).id : c),
            when: undefined,
          }
        : (ref as ParentRef<unknown> & { pick: (c: unknown) => unknown });
    if (when && !when(input)) continue;
    const created = await chain.run(links, () => factory().create());
    values[key] = pick(created);
  }
  return values;
}
