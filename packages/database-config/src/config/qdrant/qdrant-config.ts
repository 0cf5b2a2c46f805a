import type { input, output } from 'zod/mini';
import * as z from '../zod.js';
import { int, lazy, url, type FieldTable } from '../fields.js';

/** The payload field types Qdrant can index. */
export const PAYLOAD_INDEX_TYPES = [
  'keyword',
  'integer',
  'float',
  'bool',
  'geo',
  'text',
  'datetime',
  'uuid',
] as const;

/** The schema of one collection (built on first use, as every config schema: see `lazy`). */
function collectionSchema() {
  const distance = z.enum(['Cosine', 'Euclid', 'Dot', 'Manhattan']);
  const vectorParams = z.strictObject({ size: z.int().check(z.minimum(1), z.maximum(65_536)), distance });
  return z.strictObject({
    name: z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,200}$/)),
    vectors: z.union([vectorParams, z.record(z.string().check(z.minLength(1)), vectorParams)]),
    payloadIndexes: z._default(z.record(z.string().check(z.minLength(1)), z.enum(PAYLOAD_INDEX_TYPES)), {}),
  });
}

/** One collection the initializer creates: its vectors (one unnamed, or named) and payload indexes. */
export type QdrantCollectionSchema = input<ReturnType<typeof collectionSchema>>;
/** {@link QdrantCollectionSchema} after validation (`payloadIndexes` always present). */
export type ResolvedQdrantCollectionSchema = output<ReturnType<typeof collectionSchema>>;

/** Qdrant settings. Environment variables in brackets. */
export interface QdrantConfig {
  /** REST URL [`QDRANT_URL`]. */
  url: string;
  /** API key [`QDRANT_API_KEY`]; never printed. @default undefined */
  apiKey: string | undefined;
  /** Request timeout in milliseconds [`QDRANT_TIMEOUT_MS`]. @default 10000 */
  timeoutMs: number;
  /** Prefix of every collection name, e.g. per environment or per test worker [`QDRANT_COLLECTION_PREFIX`]. @default '' */
  collectionPrefix: string;
  /** Collections applied by the collection initializer (explicit option only). @default [] */
  collections: ResolvedQdrantCollectionSchema[];
}

export const QDRANT_FIELDS: FieldTable<QdrantConfig> = {
  url: {
    env: 'QDRANT_URL',
    schema: url(['http', 'https']),
    expected: 'an http:// or https:// URL with a host',
    example: 'http://localhost:6333',
    secret: 'url',
  },
  apiKey: {
    env: 'QDRANT_API_KEY',
    schema: lazy(() => z.string().check(z.minLength(1))),
    expected: 'a non-empty key',
    example: 'your-api-key',
    default: undefined,
    secret: 'value',
  },
  timeoutMs: {
    env: 'QDRANT_TIMEOUT_MS',
    schema: int(1, 600_000),
    expected: 'milliseconds from 1 to 600000',
    example: '10000',
    default: 10_000,
  },
  collectionPrefix: {
    env: 'QDRANT_COLLECTION_PREFIX',
    schema: lazy(() => z.string().check(z.regex(/^[A-Za-z0-9_.-]{0,100}$/))),
    expected: 'letters, digits, _ . - (at most 100)',
    example: 'staging_',
    default: '',
  },
  collections: {
    schema: lazy(() =>
      z.array(collectionSchema()).check(
        z.refine((list) => new Set(list.map((c) => c.name)).size === list.length, {
          message: 'duplicate collection names',
        }),
      ),
    ),
    expected: 'a list of collection schemas ({ name, vectors, payloadIndexes? }) with unique names',
    example:
      "[{ name: 'products', vectors: { size: 384, distance: 'Cosine' }, payloadIndexes: { category: 'keyword' } }]",
    default: [],
  },
};

/** The name a collection has on the server: the config's prefix, then the schema's name. */
export function qdrantCollectionName(config: Pick<QdrantConfig, 'collectionPrefix'>, name: string): string {
  return `${config.collectionPrefix}${name}`;
}
