import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { QdrantService } from 'database-config/nestjs';

/** Qdrant: product vectors in the `products` collection (created at bootstrap from its schema). */
@Controller('search')
export class SearchController {
  constructor(private readonly qdrant: QdrantService) {}

  @Put('products/:id')
  async index(@Param('id') id: string, @Body() body: { vector: number[]; sku: string }) {
    await this.qdrant.client.upsert(this.qdrant.collectionName('products'), {
      wait: true,
      points: [{ id: Number(id), vector: body.vector, payload: { sku: body.sku } }],
    });
    return { indexed: Number(id) };
  }

  @Post('products')
  async similar(@Body() body: { vector: number[] }) {
    const found = await this.qdrant.client.query(this.qdrant.collectionName('products'), {
      query: body.vector,
      limit: 5,
      with_payload: true,
    });
    return found.points.map((point) => ({ id: point.id, sku: point.payload?.sku }));
  }

  @Get('products/count')
  async count() {
    return this.qdrant.client.count(this.qdrant.collectionName('products'), { exact: true });
  }
}
