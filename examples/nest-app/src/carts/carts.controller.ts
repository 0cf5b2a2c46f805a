import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { RedisService } from 'database-config/nestjs';

/** Redis: a cart per user, a hash of product id to quantity. */
@Controller('carts')
export class CartsController {
  constructor(private readonly redis: RedisService) {}

  @Put(':userId')
  async add(@Param('userId') userId: string, @Body() body: { productId: number; quantity: number }) {
    await this.redis.client.hset(`cart:${userId}`, String(body.productId), String(body.quantity));
    return this.cart(userId);
  }

  @Get(':userId')
  async cart(@Param('userId') userId: string) {
    return this.redis.client.hgetall(`cart:${userId}`);
  }
}
