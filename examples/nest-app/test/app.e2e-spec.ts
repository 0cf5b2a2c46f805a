import { Test, TestingModule } from '@nestjs/testing';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { App } from 'supertest/types';
import { AppModule } from './../src/app.module';

describe('AppController (e2e)', () => {
  let app: INestApplication<App>;

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

  it('/ (GET)', () => {
    return request(app.getHttpServer()).get('/').expect(200).expect('Hello World!');
  });

  it('/health (GET): every store of the app is up', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(Object.keys(response.body.info).sort()).toEqual(['mongodb', 'postgres', 'qdrant', 'redis']);
  });

  it('/users (POST) writes a user...', async () => {
    await request(app.getHttpServer())
      .post('/users')
      .send({ email: 'ada@example.com', name: 'Ada' })
      .expect(201);
    const users = await request(app.getHttpServer()).get('/users').expect(200);
    expect(users.body.map((user: { email: string }) => user.email)).toEqual(['ada@example.com']);
  });

  it('...that the next test does not find', async () => {
    const users = await request(app.getHttpServer()).get('/users').expect(200);
    expect(users.body).toEqual([]);
  });
});
