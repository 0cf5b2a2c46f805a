// A project's factories in one place, with named scenarios that place data over several stores
// in one call: in tests (the `factories` fixture) and in seed scripts (explicit clients).
import type { Faker } from '@faker-js/faker';
import { factoryClients, persistWith, type FactoryClients, type ResolvedFactoryClients } from './clients.js';
import { FactoryDefinitionError } from './errors.js';
import { factoryFaker } from './faker.js';
import { registerQdrantCollections, type CollectionVectors } from './qdrant-vector-sizes.js';

/** What a manager needs of a factory (every store factory is one). */
export interface RegisteredFactory {
  /** Name used in messages. */
  readonly label: string;
  /** Restarts the factory's sequence at 1. */
  rewindSequence(): void;
}

/** What a scenario builder gets besides its params. */
export interface ScenarioContext<F> {
  /** The registered factories. */
  factories: F;
  /** The seeded faker of the running test (or seed script). */
  faker: Faker;
  /** The clients the factories persist through now, for writes no factory covers. */
  clients(): ResolvedFactoryClients;
}

/** A scenario: places a dataset with the factories and returns what the caller needs of it. */
export type ScenarioBuilder<F> = (context: ScenarioContext<F>, ...params: never[]) => Promise<unknown>;

/** The params a scenario takes after its context (optional when the builder's are). */
export type ScenarioParams<B> = B extends (context: never, ...params: infer P) => unknown ? P : never;
/** What a scenario resolves to. */
export type ScenarioResult<B> = B extends (...args: never[]) => Promise<infer R> ? R : never;

/** Options of {@link TestDataManager}. */
export interface TestDataManagerOptions {
  /** Qdrant collection schemas whose vector sizes the Qdrant factories check (see registerQdrantCollections). */
  qdrantCollections?: readonly CollectionVectors[];
}

/**
 * The factories of a project and its scenarios. `run()` places a scenario through the current
 * test's clients; `seed()` through explicit clients (development seed scripts, outside tests).
 *
 * @example
 * export const data = new TestDataManager({ users, products }).scenario('shop', async ({ factories }, n = 3) => ({
 *   buyer: await factories.users.create(), products: await factories.products.createList(n),
 * }));
 * const { buyer } = await data.run('shop', 2);
 */
export class TestDataManager<
  F extends Record<string, RegisteredFactory>,
  S extends Record<string, ScenarioBuilder<F>> = Record<never, never>,
> {
  /** The registered factories. */
  readonly factories: F;
  readonly #scenarios = new Map<string, ScenarioBuilder<F>>();

  constructor(factories: F, options: TestDataManagerOptions = {}) {
    this.factories = factories;
    if (options.qdrantCollections) registerQdrantCollections(options.qdrantCollections);
  }

  /** Registers a scenario (params after the context, e.g. `async ({ factories }, count = 3) => ...`). */
  scenario<N extends string, B extends ScenarioBuilder<F>>(
    name: N,
    builder: B,
  ): TestDataManager<F, S & Record<N, B>> {
    this.#scenarios.set(name, builder);
    return this as unknown as TestDataManager<F, S & Record<N, B>>;
  }

  /** The names of the registered scenarios. */
  get scenarios(): string[] {
    return [...this.#scenarios.keys()];
  }

  /** Places a scenario's data through the current test's clients (or those of `persistWith`). */
  async run<N extends keyof S & string>(
    name: N,
    ...params: ScenarioParams<S[N]>
  ): Promise<ScenarioResult<S[N]>> {
    const builder = this.#scenarios.get(name);
    if (!builder) {
      throw new FactoryDefinitionError(`scenario ${name}`, {
        kind: 'unknown-scenario',
        scenario: name,
        scenarios: this.scenarios,
      });
    }
    const context: ScenarioContext<F> = {
      factories: this.factories,
      faker: factoryFaker(),
      clients: () => factoryClients(`scenario ${name}`),
    };
    return (await builder(context, ...(params as never[]))) as ScenarioResult<S[N]>;
  }

  /**
   * Places a scenario through explicit clients, for development seed scripts outside tests.
   * @example
   * await data.seed({ prisma: manager.prisma, redis: manager.redis }, 'shop', 10);
   */
  seed<N extends keyof S & string>(
    clients: FactoryClients,
    name: N,
    ...params: ScenarioParams<S[N]>
  ): Promise<ScenarioResult<S[N]>> {
    return persistWith(clients, () => this.run(name, ...params));
  }

  /** Restarts the sequences of the registered factories at 1. */
  rewindSequences(): void {
    for (const factory of Object.values(this.factories)) factory.rewindSequence();
  }
}
