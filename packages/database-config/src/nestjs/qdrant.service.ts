import { Inject, Injectable } from '@nestjs/common';
import type { DatabaseManager } from '../config/database-manager.js';
import { qdrantCollectionName } from '../config/qdrant/qdrant-config.js';
import { StoreService } from './store-service.js';
import { storeManagerToken } from './tokens.js';

/** Qdrant through its REST client, connected at bootstrap and closed at shutdown. */
@Injectable()
export class QdrantService extends StoreService<'qdrant'> {
  constructor(@Inject(storeManagerToken('qdrant')) manager: DatabaseManager) {
    super(manager, 'qdrant');
  }

  /** A collection's name on the server: the configured `collectionPrefix` (and a test worker's) before `name`. */
  collectionName(name: string): string {
    return qdrantCollectionName(this.manager.config.qdrant!, name);
  }
}
