// The factory class every store helper returns: a fishery Factory whose define function gets a
// seeded faker, whose sequence restarts per test, with traits by name and parents made first.
import type { Faker } from '@faker-js/faker';
import { Factory, type BuildOptions, type DeepPartial, type GeneratorFnOptions } from 'fishery';
import type { StoreName } from '../stores.js';
import { factoryClients } from './clients.js';
import { FactoryDefinitionError } from './errors.js';
import { factoryFaker } from './faker.js';
import {
  checkCycle,
  createParents,
  type FieldParent,
  type ParentInput,
  type TransientOf,
  type TransientParent,
} from './parents.js';
import { currentMark, sameMark, type ScopeMark } from './scope-mark.js';

/** What a define function gets. */
export interface FactoryContext<T, I, C> {
  /** 1, 2, 3... for each object built; restarts at 1 in every test. */
  sequence: number;
  /** Seeded from the test's name (or `DBC_FAKER_SEED`): the same test draws the same data. */
  faker: Faker;
  /** The params passed to build()/create() (already merged onto the result by fishery). */
  params: DeepPartial<T>;
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

type FisheryInternals = { _params?: object; _associations?: object; _transient?: object };
const has = (record: Readonly<Record<string, unknown>>, key: string) => record[key] !== undefined;

/**
 * A fishery factory for one store: build() makes the object, create() saves it through the current
 * test's client (or those of `persistWith`), after creating its parents. Make one with
 * `definePrismaFactories`, `mongooseFactory`, `redisFactory` or `qdrantFactory`.
 */
export class StoreFactory<T, I = object, C = T, K extends string = never> extends Factory<T, I, C> {
  /** @internal */
  declare spec: FactorySpec;

  /** What the factory makes: the Prisma model delegate, mongoose model, `redis`, `qdrant:<collection>`. */
  get label(): string {
    return this.spec.label;
  }

  /** The store create() writes to. */
  get store(): StoreName {
    return this.spec.store;
  }

  /** A factory with the named traits applied, in order (later ones win). */
  trait(...names: K[]): this {
    let factory = this;
    for (const name of names) {
      const trait = this.spec.traits[name];
      if (trait === undefined) {
        const known = Object.keys(this.spec.traits);
        throw new FactoryDefinitionError(
          this.label,
          `unknown trait "${name}"; its traits are ${known.length ? known.join(', ') : 'none'}.`,
        );
      }
      factory =
        typeof trait === 'function'
          ? (trait as (f: this) => this)(factory)
          : factory.params(trait as DeepPartial<T>);
    }
    return factory;
  }

  /** Creates the parents not given, then the object, and saves it. */
  override async create(params?: DeepPartial<T>, options: BuildOptions<T, I> = {}): Promise<C> {
    const spec = this.spec;
    factoryClients(spec.label); // outside a test and persistWith: fail before using a sequence value
    checkCycle(spec, spec.label);
    const own = this as unknown as FisheryInternals;
    const link = { family: spec, label: spec.label };
    const input = {
      params: { ...own._params, ...own._associations, ...(params as object), ...options.associations },
      transient: { ...own._transient, ...options.transient },
    } as ParentInput;
    const fields = await createParents(
      link,
      spec.parents,
      { ...input, given: (k) => has(input.params, k) },
      'id',
    );
    const transient = await createParents(
      link,
      spec.transientParents,
      { ...input, given: (k) => has(input.transient, k) },
      'row',
    );
    return super.create(params, {
      associations: { ...(fields as Partial<T>), ...options.associations },
      transient: { ...(transient as Partial<I>), ...options.transient },
    });
  }

  /** Creates `count` objects one after another (so faker data is reproducible). */
  override async createList(
    count: number,
    params?: DeepPartial<T>,
    options?: BuildOptions<T, I>,
  ): Promise<C[]> {
    const list: C[] = [];
    for (let i = 0; i < count; i += 1) list.push(await this.create(params, options));
    return list;
  }

  /** The next sequence value, restarting at 1 when a new test (scope) uses the factory. */
  protected override sequence(): number {
    const mark = currentMark();
    if (!sameMark(this.spec.sequenceMark, mark)) {
      this.spec.sequenceMark = mark;
      this.rewindSequence();
    }
    return super.sequence();
  }
}

/** @internal Builds a store factory; the store helpers call it. */
export function storeFactory<T, I, C, K extends string, TP>(
  base: { label: string; store: StoreName },
  define: DefineFn<T, TransientOf<I, TP>, C>,
  options: FactoryOptions<T, I, C, K, TP>,
  persist: (object: T) => Promise<C>,
): StoreFactory<T, TransientOf<I, TP>, C, K> {
  type J = TransientOf<I, TP>;
  const generator = (opts: GeneratorFnOptions<T, J, C, DeepPartial<T>>): T =>
    define({
      sequence: opts.sequence,
      faker: factoryFaker(),
      params: opts.params,
      associations: opts.associations,
      transientParams: { ...options.transient, ...opts.transientParams } as J,
      afterBuild: opts.afterBuild,
      afterCreate: opts.afterCreate,
    });
  const factory = new StoreFactory<T, J, C, K>(generator);
  factory.spec = {
    ...base,
    traits: options.traits ?? {},
    parents: (options.parents ?? {}) as Record<string, FieldParent<unknown>>,
    transientParents: (options.transientParents ?? {}) as Record<string, TransientParent>,
  };
  return factory.onCreate(persist);
}
