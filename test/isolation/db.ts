import { databaseTest } from '../../src/public/vitest.js';
import { PrismaClient } from '../../prisma/generated/client.js';
import { eventModel, reviewModel } from '../../examples/catalog/src/models.js';

/** The `test` every isolation suite uses: the example schema's Prisma client and mongoose models. */
export const test = databaseTest({
  prismaClient: PrismaClient,
  mongooseModels: (connection) => {
    reviewModel(connection);
    eventModel(connection);
  },
});
