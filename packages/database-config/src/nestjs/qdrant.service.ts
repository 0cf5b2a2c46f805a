import { Inject, Injectable } from '@nestjs/common';
import type { DatabaseManager } from '../config/database-manager.js';
import { StoreService } from './store-service.js';
import { storeManagerToken } from './tokens.js';

/** Qdrant through its REST client (collection names: `qdrantCollectionName(config, name)` adds the prefix), connected at bootstrap and closed at shutdown. */
@Injectable()
export class QdrantService extends StoreService<'qdrant'> {
  constructor(@Inject(storeManagerToken('qdrant')) manager: DatabaseManager) {
    super(manager, 'qdrant');
  }
}
