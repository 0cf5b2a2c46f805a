import { databaseTest } from '../../src/public/vitest.js';
import { PrismaClient } from '../../prisma/generated/client.js';
import { eventModel, reviewModel } from '../../examples/catalog/src/models.js';
import { catalogData } from '../../examples/catalog/factories/index.js';

/** The `test` every isolation suite uses: the example schema's Prisma client, mongoose models and factories. */
export const test = databaseTest({
  prismaClient: PrismaClient,
  factories: catalogData,
  mongooseModels: (connection) => {
    reviewModel(connection);
    eventModel(connection);
  },
});
