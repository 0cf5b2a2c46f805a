// Public surface of `database-config-testing/factories`: fishery factories that persist through the
// current test's clients (or explicit ones), the seeded faker, scenarios and their errors.
import { markDatabaseUse } from '../fixtures/database-use.js';

// Under the Jest preset, a file importing this uses the stores: the preset's hooks scope it.
markDatabaseUse();

export { definePrismaFactories } from '../factories/prisma-factory.js';
export type { PrismaModelName, PrismaCreateData, PrismaRow } from '../factories/prisma-factory.js';
export { mongooseFactory } from '../factories/mongoose-factory.js';
export type { MongoDocument, MongooseModelRef } from '../factories/mongoose-factory.js';
export { redisFactory } from '../factories/redis-factory.js';
export type {
  RedisRecord,
  RedisStringRecord,
  RedisHashRecord,
  RedisJsonRecord,
} from '../factories/redis-factory.js';
export { qdrantFactory } from '../factories/qdrant-factory.js';
export type { QdrantPoint } from '../factories/qdrant-factory.js';
export { registerQdrantCollections, registeredVectorSize } from '../factories/qdrant-vector-sizes.js';
export type { VectorSize, CollectionVectors } from '../factories/qdrant-vector-sizes.js';

export { StoreFactory } from '../factories/store-factory.js';
export type {
  FactoryContext,
  FactoryOptions,
  DefineFn,
  InferredContext,
  InferredDefineFn,
  Trait,
  Exact,
} from '../factories/factory-types.js';
export { parent } from '../factories/parents.js';
export type {
  ParentOptions,
  ParentInput,
  ParentRef,
  ParentFactory,
  FieldParent,
  TransientParent,
  ParentValues,
  TransientOf,
} from '../factories/parents.js';

export { persistWith, factoryClients } from '../factories/clients.js';
export type { FactoryClients, ResolvedFactoryClients } from '../factories/clients.js';
export { TestDataManager } from '../factories/test-data-manager.js';
export type {
  TestDataManagerOptions,
  RegisteredFactory,
  ScenarioContext,
  ScenarioBuilder,
  ScenarioParams,
  ScenarioResult,
} from '../factories/test-data-manager.js';

export { resetFactorySequences } from '../factories/scope-mark.js';
export { factoryFaker, FAKER_REF_DATE } from '../factories/faker.js';
export { factorySeed, describeFactorySeed, fakerSeedFor, hashSeed } from '../factories/faker-seed.js';
export type { FakerSeed } from '../factories/faker-seed.js';

export {
  FactoryCycleError,
  FactoryUniqueCollisionError,
  QdrantVectorSizeError,
  FactoryDefinitionError,
} from '../factories/errors.js';
export { StateError, StoreNotConfiguredError } from 'database-config/internal';
