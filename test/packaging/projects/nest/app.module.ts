// A Nest service with Redis alone, as a CommonJS project written by `nest new` has it (node10
// resolution, decorators): what the packaging suite type-checks and boots from the installed tarball.
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InjectRedis, RedisConfigModule, RedisService } from 'database-config/nestjs';
import type { Redis } from 'ioredis';

@Injectable()
export class CartService {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly service: RedisService,
  ) {}

  async count(): Promise<number> {
    const size: number = await this.redis.dbsize();
    return size + (this.service.client === this.redis ? 0 : 1);
  }
}

@Module({ imports: [RedisConfigModule.forRoot({ env: {} })], providers: [CartService] })
export class AppModule {}

// Booted with no REDIS_URL: the library's ConfigValidationError names the variable, before any
// connection is made, and the process ends with it.
export async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
  await app.close();
}
