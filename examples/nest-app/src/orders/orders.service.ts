import { ConflictException, Injectable } from '@nestjs/common';
import { PrismaService } from 'database-config/nestjs';
import type { PrismaClient } from '../../generated/prisma/client';

export interface OrderLine {
  productId: number;
  quantity: number;
}

@Injectable()
export class OrdersService {
  constructor(private readonly prisma: PrismaService<PrismaClient>) {}

  /**
   * Places an order in one transaction: the order, its items and each product's stock taken. A
   * line whose product has too little stock rolls all of it back (409).
   */
  place(userId: number, lines: OrderLine[]) {
    return this.prisma.client.$transaction(async (tx) => {
      const order = await tx.order.create({ data: { userId } });
      let totalCents = 0;
      for (const line of lines) {
        const taken = await tx.product.updateMany({
          where: { id: line.productId, stock: { gte: line.quantity } },
          data: { stock: { decrement: line.quantity } },
        });
        if (taken.count === 0) throw new ConflictException(`product ${line.productId}: not enough stock`);
        const product = await tx.product.findUniqueOrThrow({ where: { id: line.productId } });
        await tx.orderItem.create({
          data: {
            orderId: order.id,
            productId: product.id,
            quantity: line.quantity,
            unitPriceCents: product.priceCents,
          },
        });
        totalCents += product.priceCents * line.quantity;
      }
      return tx.order.update({ where: { id: order.id }, data: { totalCents }, include: { items: true } });
    });
  }

  list() {
    return this.prisma.client.order.findMany({ include: { items: true }, orderBy: { id: 'asc' } });
  }
}
