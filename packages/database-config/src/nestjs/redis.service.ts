import { Inject, Injectable } from '@nestjs/common';
import type { DatabaseManager } from '../config/database-manager.js';
import { StoreService } from './store-service.js';
import { storeManagerToken } from './tokens.js';

/** Redis through the ioredis client (the configured key prefix applies), connected at bootstrap and closed at shutdown. */
@Injectable()
export class RedisService extends StoreService<'redis'> {
  constructor(@Inject(storeManagerToken('redis')) manager: DatabaseManager) {
    super(manager, 'redis');
  }
}
