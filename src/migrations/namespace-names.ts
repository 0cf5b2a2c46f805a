// The one naming rule of the namespaces a run creates, and the matcher the run's cleanup uses.
// Pure: no driver is loaded, so the runner setup files can compute names before any store module.

/** Prefix of every database this library creates (worker, template and kept-data databases). */
export const DATABASE_PREFIX = 'dbc_';

/** `w<worker>_<run>`: the part of a worker's namespaces that names the worker and the run. */
const workerPart = (workerId: number, runId: string) => `w${workerId}_${runId}`;

/** A worker's PostgreSQL or MongoDB database: `dbc_w<worker>_<run>`. */
export const workerDatabase = (workerId: number, runId: string) =>
  `${DATABASE_PREFIX}${workerPart(workerId, runId)}`;

/** A worker's Redis key prefix in a shared database: `dbc_w<worker>_<run>:`. */
export const workerKeyPrefix = (workerId: number, runId: string) => `${workerDatabase(workerId, runId)}:`;

/** A worker's Qdrant collection prefix: `w<worker>_<run>_`. */
export const workerCollectionPrefix = (workerId: number, runId: string) => `${workerPart(workerId, runId)}_`;

/** A name for a failed test's kept data: `dbc_keep_` and a slug of the test name (at most 63 bytes). */
export function keptDataName(testName: string): string {
  const slug = testName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 40);
  return `${DATABASE_PREFIX}keep_${slug || 'test'}_${Date.now().toString(36)}`;
}

/** The Qdrant collection prefix of kept data named {@link keptDataName}: `keep_<slug>_<time>_`. */
export const keptCollectionPrefix = (keptName: string) => `${keptName.slice(DATABASE_PREFIX.length)}_`;

/** Recognises the namespaces of one run, whatever became of its workers. */
export interface RunNamespaces {
  /** A worker database of the run (`dbc_w<id>_<run>`, and its `fresh` test databases `..._f<n>`). */
  database(name: string): boolean;
  /** A worker collection of the run (`w<id>_<run>_<collection>`). */
  collection(name: string): boolean;
  /** Redis `SCAN MATCH` pattern of the run's worker key prefixes. */
  keyPattern: string;
}

/** The matcher of run `runId`'s namespaces. */
export function runNamespaces(runId: string): RunNamespaces {
  const database = new RegExp(`^${DATABASE_PREFIX}w\\d+_${runId}(_|$)`);
  const collection = new RegExp(`^w\\d+_${runId}_`);
  return {
    database: (name) => database.test(name),
    collection: (name) => collection.test(name),
    keyPattern: `${DATABASE_PREFIX}w*_${runId}:*`,
  };
}
