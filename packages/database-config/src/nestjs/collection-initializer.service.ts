import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { DatabaseManager } from '../config/database-manager.js';
import {
  initializeQdrantCollections,
  type CollectionInitReport,
} from '../config/qdrant/qdrant-collections.js';
import { failBootstrap } from './bootstrap-group.js';
import type { QdrantModuleOptions } from './module-options.js';
import { MODULE_OPTIONS, storeManagerToken } from './tokens.js';

/**
 * Creates the module's Qdrant collections and payload indexes (`collections`), at bootstrap when
 * `initializeCollections` is set, or when you call {@link initialize}. Idempotent; an existing
 * collection whose vectors differ is left untouched and reported (`CollectionSchemaConflictError`).
 */
@Injectable()
export class CollectionInitializerService implements OnModuleInit {
  readonly #manager: DatabaseManager;
  readonly #options: QdrantModuleOptions;
  readonly #app: object;
  /** What the bootstrap run did, once it ran. */
  report: CollectionInitReport | undefined;

  constructor(
    @Inject(storeManagerToken('qdrant')) manager: DatabaseManager,
    @Inject(MODULE_OPTIONS) options: QdrantModuleOptions,
    @Inject(ModulesContainer) app: ModulesContainer,
  ) {
    this.#manager = manager;
    this.#options = options;
    this.#app = app;
  }

  /** Creates the configured collections now (prefix applied) and reports what it did. */
  initialize(): Promise<CollectionInitReport> {
    return initializeQdrantCollections(this.#manager.qdrant, this.#manager.config.qdrant!);
  }

  /** @internal Runs the initializer at bootstrap when asked; a failure closes the stores and fails the bootstrap. */
  async onModuleInit(): Promise<void> {
    if (!this.#options.initializeCollections) return;
    try {
      this.report = await this.initialize();
    } catch (error) {
      await failBootstrap(this.#app);
      throw error;
    }
  }
}
