// The types of factory definitions: what define functions get, traits, options, and what the
// clones of a factory share.
import type { Faker } from '@faker-js/faker';
import type { DeepPartial } from 'fishery';
import type { StoreName } from 'database-config/internal';
import type { FieldParent, TransientOf, TransientParent } from './parents.js';
import type { ScopeMark } from './scope-mark.js';
import type { StoreFactory } from './store-factory.js';

/** What a define function gets. */
export interface FactoryContext<T, I, C> {
  /** 1, 2, 3... for each object built; restarts at 1 in every test. */
  sequence: number;
  /** Seeded from the test's name (or `DBC_FAKER_SEED`): the same test draws the same data. */
  faker: Faker;
  /** The params passed to build()/create() (already merged onto the result by fishery). */
  params: DeepPartial<T>;
  /** The associations passed in build()/create() options (merged onto the result after params). */
  associations: Partial<T>;
  /** The transient params: the `transient` defaults, the call's `transient`, created transient parents. */
  transientParams: I;
  /** Runs after the object is built (build() and create()). */
  afterBuild(fn: (object: T) => unknown): void;
  /** Runs after the object is saved; its result is what create() returns. */
  afterCreate(fn: (created: C) => C | Promise<C>): void;
}

/** A define function: the object to build, from the sequence, faker and params. */
export type DefineFn<T, I, C> = (context: FactoryContext<T, I, C>) => T;

/**
 * The context of define functions whose object type is inferred from their result (mongoose, Redis
 * and Qdrant factories): `params` and the hooks are untyped there, since typing them by the result
 * would stop TypeScript inferring it. For typed hooks use the factory's `.afterBuild()` / `.afterCreate()`.
 */
export type InferredContext<I> = FactoryContext<Record<string, unknown>, I, unknown>;

/** A define function whose object type is inferred from its result. */
export type InferredDefineFn<T, I> = (context: InferredContext<I>) => T;

/** Keys of every member of a union (`keyof` of a union keeps only the shared ones). */
type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/** `R` with every key `T` does not have set to `never`: an unknown field returned is a compile error. */
export type Exact<R, T> = R & { [K in Exclude<keyof R, KeysOfUnion<T>>]: never };

/** A trait: params merged over the defaults, or a function of the factory (for hooks, transients). */
export type Trait<T, I, C> =
  DeepPartial<T> | ((factory: StoreFactory<T, I, C, string>) => StoreFactory<T, I, C, string>);

/**
 * Options every store helper accepts. `I` is the type of the `transient` defaults, `TP` of the
 * `transientParents`; the define function and traits see both as {@link TransientOf}.
 */
export interface FactoryOptions<T, I, C, K extends string, TP> {
  /** Named variants, applied with `.trait(name)`. */
  traits?: Record<K, Trait<NoInfer<T>, TransientOf<I, TP>, NoInfer<C>>>;
  /** Defaults of the transient params (values the define function reads that are not saved). */
  transient?: I;
  /** Fields filled by create() from parents created first (a bare thunk takes the parent's `id`). */
  parents?: { [F in keyof NoInfer<T>]?: FieldParent<NoInfer<T>[F]> };
  /** Transient params filled by create() with parents created first (a bare thunk: the whole row). */
  transientParents?: TP;
}

/** @internal What every clone of a factory shares. */
export interface FactorySpec {
  label: string;
  store: StoreName;
  traits: Readonly<Record<string, unknown>>;
  parents: Readonly<Record<string, FieldParent<unknown>>>;
  transientParents: Readonly<Record<string, TransientParent>>;
  /** The scope the sequence last ran in. */
  sequenceMark?: ScopeMark;
}
