import { Module } from '@nestjs/common';
import { DatabaseConfigModule, DatabaseHealthModule } from 'database-config/nestjs';
import { PrismaClient } from '../generated/prisma/client';
import { AppController } from './app.controller';
import { CartsController } from './carts/carts.controller';
import { COLLECTIONS } from './collections';
import { EventsModule } from './events/events.module';
import { OrdersController } from './orders/orders.controller';
import { OrdersService } from './orders/orders.service';
import { SearchController } from './search/search.controller';
import { UsersController } from './users/users.controller';

// The four stores, configured from the environment (DATABASE_URL, MONGODB_URI, REDIS_URL,
// QDRANT_URL...). Nothing here knows about tests: under the test runners' fixtures the same
// configuration gets the test worker's namespaces, and every test's writes are undone.
@Module({
  imports: [
    DatabaseConfigModule.forRoot({
      prismaClient: PrismaClient,
      collections: COLLECTIONS,
      initializeCollections: true,
      mongooseConnection: true,
    }),
    DatabaseHealthModule.forRoot({ controller: true }),
    EventsModule,
  ],
  controllers: [AppController, UsersController, OrdersController, CartsController, SearchController],
  providers: [OrdersService],
})
export class AppModule {}
