import { Body, Controller, Get, Post } from '@nestjs/common';
import { OrdersService, type OrderLine } from './orders.service';

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  place(@Body() body: { userId: number; lines: OrderLine[] }) {
    return this.orders.place(body.userId, body.lines);
  }

  @Get()
  list() {
    return this.orders.list();
  }
}
