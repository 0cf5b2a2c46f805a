import { Module, type ConfigurableModuleAsyncOptions } from '@nestjs/common';
import { defineStoreModule } from './module-definition.js';
import type { CommonModuleOptions, DatabaseModuleExtras, QdrantModuleOptions } from './module-options.js';

/** Options of `QdrantConfigModule.forRoot()`. */
export interface QdrantConfigModuleOptions extends CommonModuleOptions, QdrantModuleOptions {}

/** The options of `QdrantConfigModule.forRootAsync`: `imports`, `inject`, `useFactory` (or `useClass` / `useExisting`) and the static extras. */
export type QdrantConfigModuleAsyncOptions = ConfigurableModuleAsyncOptions<QdrantConfigModuleOptions> &
  DatabaseModuleExtras;

/**
 * Qdrant alone: connects it at bootstrap (retries, circuit breaker), provides its client
 * (`@InjectQdrant()`) and `QdrantService` and `CollectionInitializerService`, and closes it on application shutdown. Global by default.
 *
 * @example
 * QdrantConfigModule.forRoot({ collections: [{ name: 'products', vectors: { size: 384, distance: 'Cosine' } }], initializeCollections: true })
 */
@Module({})
export class QdrantConfigModule extends defineStoreModule<QdrantConfigModuleOptions, DatabaseModuleExtras>(
  'QdrantConfigModule',
  'qdrant',
) {}
