// Development seed: places the catalog scenario in the databases the environment points at
// (DATABASE_URL, MONGODB_URI, REDIS_URL, QDRANT_URL, ...), through the same factories the tests
// use. Migrations must be applied first. Run: npm run seed [-- --shoppers 5 --per-category 4]
import { parseArgs } from 'node:util';
import { startCatalog } from '../examples/catalog/src/app.js';
import { catalogData } from '../examples/catalog/factories/index.js';
import { DatabaseConfigError } from 'database-config';
import { FactoryUniqueCollisionError } from '../src/public/factories.js';

const { values } = parseArgs({
  options: { shoppers: { type: 'string', default: '3' }, 'per-category': { type: 'string', default: '4' } },
});

async function main(): Promise<void> {
  await using catalog = await startCatalog(process.env);
  const { manager } = catalog;
  const data = await catalogData.seed(
    {
      prisma: manager.prisma,
      mongo: manager.mongo,
      redis: manager.redis,
      qdrant: manager.qdrant,
      qdrantCollectionPrefix: manager.config.qdrant?.collectionPrefix,
    },
    'catalog',
    { shoppers: Number(values.shoppers), productsPerCategory: Number(values['per-category']) },
  );
  console.log(
    `Seeded ${data.shoppers.length} users, ${data.products.length} products (with Qdrant points), ` +
      `order ${data.order.id} (${data.order.status}, ${data.order.totalCents} cents), ${data.reviews.length} reviews, ` +
      `cart ${data.cart.key}.`,
  );
}

try {
  await main();
} catch (error) {
  if (error instanceof FactoryUniqueCollisionError) {
    console.error(`${error.message}\nThe databases already hold seed data: reset them before seeding again.`);
  } else if (error instanceof DatabaseConfigError) {
    console.error(error.message);
  } else {
    throw error;
  }
  process.exitCode = 1;
}
