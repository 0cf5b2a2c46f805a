import type { QdrantCollectionSchema } from 'database-config';
import collections from '../../catalog/collections.json';

/**
 * The catalog's Qdrant collections (products and reviews, 8-dimensional vectors): one JSON file,
 * read by the app and by the test fixture config alike. JSON's strings are wider than the
 * schema's literal types, hence the cast; the initializer validates the schema at bootstrap.
 */
export const COLLECTIONS = collections as unknown as QdrantCollectionSchema[];
