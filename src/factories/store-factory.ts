// The factory class every store helper returns: a fishery Factory whose define function gets a
// seeded faker, whose sequence restarts per test, with traits by name and parents made first.
import { Factory, type BuildOptions, type DeepPartial, type GeneratorFnOptions } from 'fishery';
import type { StoreName } from 'database-config/internal';
import { factoryClients } from './clients.js';
import { FactoryDefinitionError } from './errors.js';
import { factoryFaker } from './faker.js';
import type { DefineFn, FactoryOptions, FactorySpec } from './factory-types.js';
import {
  checkCycle,
  createParents,
  outsideParentChain,
  type FieldParent,
  type ParentInput,
  type TransientOf,
  type TransientParent,
} from './parents.js';
import { currentMark, sameMark } from './scope-mark.js';

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
    const known = this.spec.traits;
    return names.reduce((factory, name) => {
      const trait = known[name];
      if (trait === undefined) {
        throw new FactoryDefinitionError(this.label, {
          kind: 'unknown-trait',
          trait: name,
          traits: Object.keys(known),
        });
      }
      return typeof trait === 'function'
        ? (trait as (f: this) => this)(factory)
        : factory.params(trait as DeepPartial<T>);
    }, this);
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
    return outsideParentChain(() =>
      super.create(params, {
        associations: { ...(fields as Partial<T>), ...options.associations },
        transient: { ...(transient as Partial<I>), ...options.transient },
      }),
    );
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
