import { Test, TestingModule } from '@nestjs/testing';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { App } from 'supertest/types';
import { AppModule } from './../src/app.module';
import { meetOtherFile } from './meet-other-file';

// The app's own $transaction (OrdersService.place) inside the test's isolation: a failed order
// rolls back what it did, a placed one is committed for the test only.
describe('orders (e2e)', () => {
  let app: INestApplication<App>;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    const moduleFixture: TestingModule = await Test.createTestingModule({
      imports: [AppModule],
    }).compile();
    app = moduleFixture.createNestApplication();
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  async function catalog() {
    const user = await http().post('/users').send({ email: 'buyer@example.com', name: 'Buyer' }).expect(201);
    const book = await http()
      .post('/users/products')
      .send({ sku: 'BOOK-1', name: 'A book', priceCents: 1500, stock: 5 })
      .expect(201);
    const rare = await http()
      .post('/users/products')
      .send({ sku: 'RARE-1', name: 'A rare book', priceCents: 9000, stock: 1 })
      .expect(201);
    return { userId: user.body.id as number, book: book.body.id as number, rare: rare.body.id as number };
  }

  it('places an order, and an order short of stock rolls back all of it', async () => {
    const { userId, book, rare } = await catalog();
    const placed = await http()
      .post('/orders')
      .send({
        userId,
        lines: [
          { productId: book, quantity: 2 },
          { productId: rare, quantity: 1 },
        ],
      })
      .expect(201);
    expect(placed.body.totalCents).toBe(2 * 1500 + 9000);

    // The second line fails after the order and the first line's stock were written.
    await http()
      .post('/orders')
      .send({
        userId,
        lines: [
          { productId: book, quantity: 1 },
          { productId: rare, quantity: 1 },
        ],
      })
      .expect(409);
    // stores.e2e-spec.ts, on the other worker, has written to all four stores by now.
    await meetOtherFile('orders', 'stores');
    expect((await http().get('/users')).body.map((u: { email: string }) => u.email)).toEqual([
      'buyer@example.com',
    ]);
    expect((await http().get('/events')).body).toEqual([]);
    expect((await http().get('/carts/7')).body).toEqual({});
    expect((await http().get('/search/products/count')).body).toEqual({ count: 0 });
    const orders = (await http().get('/orders')).body as { id: number; items: unknown[] }[];
    expect(orders.map((o) => o.id)).toEqual([placed.body.id]);
    expect(orders[0]!.items).toHaveLength(2);
    const stock = (await http().get('/users/products')).body.map((p: { stock: number }) => p.stock);
    expect(stock).toEqual([3, 0]);
  }, 90_000);

  it('the next test finds no order, product or user, and the same ids again', async () => {
    expect((await http().get('/orders')).body).toEqual([]);
    expect((await http().get('/users/products')).body).toEqual([]);
    expect((await http().get('/users')).body).toEqual([]);
    const { userId, book } = await catalog();
    expect([userId, book]).toEqual([1, 1]);
  });

  it('sees none of the other worker’s data in the other stores either', async () => {
    expect((await http().get('/events')).body).toEqual([]);
    expect((await http().get('/carts/7')).body).toEqual({});
    expect((await http().get('/search/products/count')).body).toEqual({ count: 0 });
  });
});
