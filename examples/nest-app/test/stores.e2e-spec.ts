import { Test, TestingModule } from '@nestjs/testing';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { App } from 'supertest/types';
import { AppModule } from './../src/app.module';
import { meetOtherFile } from './meet-other-file';

// Through HTTP alone: what one test writes in each store is gone in the next test, and the other
// worker (running orders.e2e-spec.ts at the same time) never sees it, nor this one its data.
describe('the four stores (e2e)', () => {
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

  it('writes to PostgreSQL, MongoDB, Redis and Qdrant', async () => {
    await http().post('/users').send({ email: 'stores@example.com', name: 'Stores' }).expect(201);
    await http()
      .post('/events')
      .send({ type: 'stores.visited', payload: { page: 1 } })
      .expect(201);
    await http().put('/carts/7').send({ productId: 3, quantity: 2 }).expect(200);
    await http()
      .put('/search/products/11')
      .send({ vector: [1, 0, 0, 0, 0, 0, 0, 0], sku: 'STORES-1' })
      .expect(200);

    // orders.e2e-spec.ts, on the other worker, has written its order and products by now.
    await meetOtherFile('stores', 'orders');
    expect((await http().get('/orders')).body).toEqual([]);
    expect((await http().get('/users/products')).body).toEqual([]);
    expect((await http().get('/users')).body.map((u: { email: string }) => u.email)).toEqual([
      'stores@example.com',
    ]);
    expect((await http().get('/events')).body.map((e: { type: string }) => e.type)).toEqual([
      'stores.visited',
    ]);
    expect((await http().get('/carts/7')).body).toEqual({ '3': '2' });
    expect((await http().get('/search/products/count')).body).toEqual({ count: 1 });
    const similar = await http()
      .post('/search/products')
      .send({ vector: [1, 0, 0, 0, 0, 0, 0, 0] });
    expect(similar.body).toEqual([{ id: 11, sku: 'STORES-1' }]);
  }, 90_000);

  it('the next test starts from the migrated state in every store', async () => {
    expect((await http().get('/users')).body).toEqual([]);
    expect((await http().get('/events')).body).toEqual([]);
    expect((await http().get('/carts/7')).body).toEqual({});
    expect((await http().get('/search/products/count')).body).toEqual({ count: 0 });
    // The migrations' reference rows stay.
    expect((await http().get('/users/categories')).body).toHaveLength(3);
  });

  it('ids start again too: the same request gets the same id in every test', async () => {
    const first = await http().post('/users').send({ email: 'again@example.com', name: 'Again' }).expect(201);
    expect(first.body.id).toBe(1);
    expect((await http().get('/users')).body).toHaveLength(1);
  });
});
