import type { QdrantClient } from '@qdrant/js-client-rest';
import debug from 'debug';
import { CollectionSchemaConflictError, MigrationError } from '../../errors.js';
import {
  qdrantCollectionName,
  type QdrantConfig,
  type ResolvedQdrantCollectionSchema,
} from './qdrant-config.js';

const log = debug('database-config:qdrant');

type VectorParams = { size: number; distance: string };

/** What {@link initializeQdrantCollections} did. */
export interface CollectionInitReport {
  /** Collections created (names on the server, prefix included). */
  created: string[];
  /** Collections that already matched their schema. */
  unchanged: string[];
  /** Payload indexes created or changed, as `collection.field`. */
  indexes: string[];
}

/**
 * Creates the config's collections and payload indexes, idempotently. An existing collection whose
 * vectors differ from its schema (size, distance, names) is never recreated: a
 * {@link CollectionSchemaConflictError} lists the differences. A payload index of another type is
 * replaced (no points are lost).
 */
export async function initializeQdrantCollections(
  client: QdrantClient,
  config: Pick<QdrantConfig, 'collectionPrefix' | 'collections'>,
): Promise<CollectionInitReport> {
  const report: CollectionInitReport = { created: [], unchanged: [], indexes: [] };
  for (const schema of config.collections) {
    const name = qdrantCollectionName(config, schema.name);
    try {
      const { exists } = await client.collectionExists(name);
      if (!exists) {
        await client.createCollection(name, { vectors: schema.vectors });
        report.created.push(name);
        log('created collection %s', name);
      }
      const info = await client.getCollection(name);
      if (exists) {
        const differences = vectorDifferences(schema.vectors, info.config.params.vectors as VectorsOnServer);
        if (differences.length > 0) throw new CollectionSchemaConflictError(name, differences);
      }
      const indexed = (info.payload_schema ?? {}) as Record<string, { data_type?: string }>;
      let changed = false;
      for (const [field, type] of Object.entries(schema.payloadIndexes)) {
        if (indexed[field]?.data_type === type) continue;
        if (indexed[field]) await client.deletePayloadIndex(name, field, { wait: true });
        await client.createPayloadIndex(name, { field_name: field, field_schema: type, wait: true });
        report.indexes.push(`${name}.${field}`);
        changed = true;
      }
      if (exists && !changed) report.unchanged.push(name);
    } catch (error) {
      if (error instanceof MigrationError) throw error;
      throw new MigrationError(
        'qdrant',
        `collection "${name}"`,
        { kind: 'qdrant-request', answer: describeQdrantError(error) },
        error,
      );
    }
  }
  return report;
}

type VectorsOnServer = VectorParams | Record<string, VectorParams> | undefined;

/** How the vectors on the server differ from the schema's, one line per difference. */
export function vectorDifferences(
  wanted: ResolvedQdrantCollectionSchema['vectors'],
  actual: VectorsOnServer,
): string[] {
  const isSingle = (v: unknown): v is VectorParams =>
    typeof (v as VectorParams | undefined)?.size === 'number';
  if (isSingle(wanted) !== isSingle(actual)) {
    return [
      `schema has ${isSingle(wanted) ? 'one unnamed vector' : 'named vectors'}, the collection ${isSingle(actual) ? 'one unnamed vector' : 'named vectors'}`,
    ];
  }
  const pairs: [string, VectorParams | undefined, VectorParams | undefined][] = isSingle(wanted)
    ? [['vector', wanted, actual as VectorParams]]
    : [...new Set([...Object.keys(wanted), ...Object.keys(actual ?? {})])].map((key) => [
        `vector "${key}"`,
        (wanted as Record<string, VectorParams>)[key],
        (actual as Record<string, VectorParams> | undefined)?.[key],
      ]);
  const differences: string[] = [];
  for (const [label, want, have] of pairs) {
    if (!want) differences.push(`${label} exists in the collection but not in the schema`);
    else if (!have) differences.push(`${label} is in the schema but not in the collection`);
    else {
      if (want.size !== have.size)
        differences.push(`${label} size: schema ${want.size}, collection ${have.size}`);
      if (want.distance !== have.distance)
        differences.push(`${label} distance: schema ${want.distance}, collection ${have.distance}`);
    }
  }
  return differences;
}

function describeQdrantError(error: unknown): string {
  const data = (error as { data?: { status?: { error?: string } } }).data;
  return data?.status?.error ?? (error instanceof Error ? error.message : String(error));
}
