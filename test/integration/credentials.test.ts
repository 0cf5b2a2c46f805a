import { describe, expect, it } from 'vitest';
import { useAuthServers } from './auth-servers.js';
import { ConnectionError, DatabaseManager, loadDatabaseConfig } from 'database-config';

// Servers that require credentials, started for this file: the stack's own run without them.
const fastRetry = { attempts: 3, initialDelayMs: 20, maxDelayMs: 50 };
const { redisUrl, qdrantUrl } = useAuthServers();

async function connectError(env: Record<string, string>, store: 'redis' | 'qdrant') {
  const error = await DatabaseManager.connect({
    config: loadDatabaseConfig(env, { stores: [store] }),
    retry: fastRetry,
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectionError);
  return error as ConnectionError;
}

describe('credentials', () => {
  it('Redis: a wrong password fails at once with the server’s reply, the password masked', async () => {
    const error = await connectError({ REDIS_URL: redisUrl(':wrong-pass@') }, 'redis');
    expect(error.attempts).toBe(1);
    expect(error.message).toContain('WRONGPASS invalid username-password pair');
    expect(error.message).toContain('REDIS_URL (password, database)');
    expect(error.message).not.toContain('wrong-pass');
  });

  it('Redis: a missing password says the server wants one (NOAUTH), without retrying', async () => {
    const error = await connectError({ REDIS_URL: redisUrl('') }, 'redis');
    expect(error.attempts).toBe(1);
    expect(error.message).toMatch(/NOAUTH/);
  });

  it('Redis and Qdrant: the right credentials connect, and health reports up', async () => {
    await using manager = await DatabaseManager.connect({
      config: loadDatabaseConfig(
        { REDIS_URL: redisUrl(':redis-s3cret@'), QDRANT_URL: qdrantUrl(), QDRANT_API_KEY: 'qdrant-s3cret' },
        { stores: ['redis', 'qdrant'] },
      ),
    });
    const report = await manager.health();
    expect(report.stores.redis?.status).toBe('up');
    expect(report.stores.qdrant?.status).toBe('up');
  });

  it('Qdrant: a wrong or missing API key fails at once with the server’s answer, the key not shown', async () => {
    for (const env of [{ QDRANT_API_KEY: 'wrong-key' }, {}] as Record<string, string>[]) {
      const error = await connectError({ QDRANT_URL: qdrantUrl(), ...env }, 'qdrant');
      expect(error.attempts).toBe(1);
      expect(error.message).toMatch(/Unauthorized/);
      expect(error.message).toContain('QDRANT_API_KEY');
      expect(error.message).not.toContain('wrong-key');
    }
  });
});
