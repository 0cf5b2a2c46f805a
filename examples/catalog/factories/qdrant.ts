// Qdrant factories of the catalog: product points, as CatalogService.addProduct writes them.
import { qdrantFactory } from 'database-config-testing/factories';
import { EMBEDDING_SIZE, productEmbedding } from '../src/embeddings.js';
import { CATEGORIES, products } from './postgres.js';

const categoryName = (id: number) => Object.values(CATEGORIES).find((c) => c.id === id)?.name ?? 'Books';

/** The point of a product (a new one unless passed as `transient: { product }`). */
export const productPoints = qdrantFactory(
  'products',
  ({ sequence, faker, transientParams: { product } }) => {
    const categoryId = product?.categoryId ?? CATEGORIES.books.id;
    const name = product?.name ?? faker.commerce.productName();
    return {
      id: product?.id ?? sequence,
      vector: productEmbedding({
        name,
        categoryName: categoryName(categoryId),
        description: product?.description,
      }),
      payload: { productId: product?.id ?? sequence, categoryId, sku: product?.sku ?? `SKU-${sequence}` },
    };
  },
  { size: EMBEDDING_SIZE, transientParents: { product: () => products } },
);
