/** The four stores this library configures and starts. */
export const STORE_NAMES = ['postgres', 'mongodb', 'redis', 'qdrant'] as const;

/** One of {@link STORE_NAMES}. */
export type StoreName = (typeof STORE_NAMES)[number];
