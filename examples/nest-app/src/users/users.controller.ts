import { Body, Controller, Get, Post } from '@nestjs/common';
import { PrismaService } from 'database-config/nestjs';
import type { PrismaClient } from '../../generated/prisma/client';

/** PostgreSQL through the Prisma client the database module connected. */
@Controller('users')
export class UsersController {
  constructor(private readonly prisma: PrismaService<PrismaClient>) {}

  @Post()
  create(@Body() body: { email: string; name: string }) {
    return this.prisma.client.user.create({ data: { email: body.email, name: body.name } });
  }

  @Get()
  list() {
    return this.prisma.client.user.findMany({ orderBy: { id: 'asc' } });
  }

  /** The migrations' reference data (three categories), which every test starts with. */
  @Get('categories')
  categories() {
    return this.prisma.client.category.findMany({ orderBy: { id: 'asc' } });
  }

  @Post('products')
  createProduct(@Body() body: { sku: string; name: string; priceCents: number; stock: number }) {
    return this.prisma.client.product.create({
      data: { ...body, category: { connect: { slug: 'books' } } },
    });
  }

  @Get('products')
  products() {
    return this.prisma.client.product.findMany({ orderBy: { id: 'asc' } });
  }
}
