// The factories' errors live with every other error in src/errors.ts; re-exported for the factory modules.
export {
  FactoryCycleError,
  FactoryUniqueCollisionError,
  QdrantVectorSizeError,
  FactoryDefinitionError,
} from 'database-config/internal';
