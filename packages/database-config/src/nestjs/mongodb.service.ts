import { Inject, Injectable } from '@nestjs/common';
import type { DatabaseManager } from '../config/database-manager.js';
import { StoreService } from './store-service.js';
import { storeManagerToken } from './tokens.js';

/** MongoDB through the mongoose `Connection` (register models with `client.model(...)`, or `mongooseConnection` for @nestjs/mongoose), connected at bootstrap and closed at shutdown. */
@Injectable()
export class MongodbService extends StoreService<'mongodb'> {
  constructor(@Inject(storeManagerToken('mongodb')) manager: DatabaseManager) {
    super(manager, 'mongodb');
  }
}
