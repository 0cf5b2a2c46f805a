import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as errors from '../../src/errors.js';
import { MONGODB_FIELDS } from '../../src/config/mongodb/mongodb-config.js';
import { POSTGRES_FIELDS } from '../../src/config/postgres/postgres-config.js';
import { QDRANT_FIELDS } from '../../src/config/qdrant/qdrant-config.js';
import { REDIS_FIELDS } from '../../src/config/redis/redis-config.js';
import { STORE_IMAGES } from '../../src/containers/images.js';

// The README's configuration reference is checked against the code, so it cannot drift.
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README reference', () => {
  it('names every environment variable the config modules read', () => {
    const variables = [POSTGRES_FIELDS, MONGODB_FIELDS, REDIS_FIELDS, QDRANT_FIELDS]
      .flatMap((table) => Object.values(table).map((field) => (field as { env?: string }).env))
      .filter((env): env is string => Boolean(env));
    expect(variables.length).toBeGreaterThan(15);
    const missing = variables.filter(
      (env) => !readme.includes(env.replace(/^POSTGRES_(HOST|PORT|USER|PASSWORD|DB)$/, 'POSTGRES_HOST')),
    );
    expect(missing).toEqual([]);
  });

  it('names every image default and override variable', () => {
    for (const { default: image, env } of Object.values(STORE_IMAGES)) {
      expect(readme).toContain(image);
      expect(readme).toContain(env);
    }
  });

  it('names every error class', () => {
    const names = Object.entries(errors)
      .filter(([, value]) => typeof value === 'function' && /Error$/.test((value as { name: string }).name))
      .map(([name]) => name)
      .filter((name) => name !== 'DatabaseConfigError');
    const missing = names.filter((name) => !readme.includes(name));
    expect(missing).toEqual([]);
  });
});
