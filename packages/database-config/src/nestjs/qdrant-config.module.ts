import { Module, type ConfigurableModuleAsyncOptions, type DynamicModule } from '@nestjs/common';

import { defineDatabaseModule } from './module-definition.js';
import type { CommonModuleOptions, DatabaseModuleExtras, QdrantModuleOptions } from './module-options.js';

/** Options of `QdrantConfigModule.forRoot()`. */
export interface QdrantConfigModuleOptions extends CommonModuleOptions, QdrantModuleOptions {}

/** The options of `QdrantConfigModule.forRootAsync`: `imports`, `inject`, `useFactory` (or `useClass` / `useExisting`) and the static extras. */
export type QdrantConfigModuleAsyncOptions = ConfigurableModuleAsyncOptions<QdrantConfigModuleOptions> &
  DatabaseModuleExtras;

const { ConfigurableModuleClass } = defineDatabaseModule<QdrantConfigModuleOptions>('QdrantConfigModule', [
  'qdrant',
]);

/**
 * Qdrant alone: connects it at bootstrap (retries, circuit breaker), provides its client
 * (`@InjectQdrant()`) and `QdrantService` and `CollectionInitializerService`, and closes it on application shutdown. Global by default.
 *
 * @example
 * QdrantConfigModule.forRoot({ collections: [{ name: 'products', vectors: { size: 384, distance: 'Cosine' } }], initializeCollections: true })
 */
@Module({})
export class QdrantConfigModule extends ConfigurableModuleClass {
  /** The module with options known now; the environment is read at bootstrap. */
  static override forRoot(options: QdrantConfigModuleOptions & DatabaseModuleExtras = {}): DynamicModule {
    return super.forRoot(options as QdrantConfigModuleOptions & DatabaseModuleExtras);
  }

  /** The module with options from a factory, e.g. `inject: [ConfigService], useFactory: (config) => ({ env: config })`. */
  static override forRootAsync(options: QdrantConfigModuleAsyncOptions): DynamicModule {
    return super.forRootAsync(options as QdrantConfigModuleAsyncOptions);
  }
}
