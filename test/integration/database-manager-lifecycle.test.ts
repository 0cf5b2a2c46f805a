// DatabaseManager's lifecycle edges against the integration stack's Redis: connect() twice, close()
// while connect() is under way (the client that arrives late is closed, not kept), and health of a
// manager that is not connected.
import { describe, expect, it } from 'vitest';
import { DatabaseManager, StateError } from 'database-config';
import { openSockets, stackConfig } from './helpers.js';

const config = () => stackConfig({ stores: ['redis'] });

describe('DatabaseManager lifecycle', () => {
  it('a second connect() is refused, naming the state', async () => {
    const manager = await DatabaseManager.connect({ config: config() });
    try {
      const error = await manager.connect().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateError);
      expect((error as StateError).message).toBe(
        'connect() was called on a manager that is connected; create a new DatabaseManager.',
      );
    } finally {
      await manager.close();
    }
    await expect(manager.connect()).rejects.toThrow('connect() was called on a manager that is closed;');
  });

  it('close() during connect() fails the connect, closes the client that connects afterwards, and health says why it is down', async () => {
    const before = openSockets();
    const manager = new DatabaseManager({ config: config() });
    const connecting = manager.connect();
    await manager.close();
    const error = await connecting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateError);
    expect((error as StateError).message).toBe(
      'close() was called while connect() was under way; the stores that connected were closed again. Create a new DatabaseManager to connect.',
    );
    expect(() => manager.redis).toThrow();
    const report = await manager.health();
    expect(report.status).toBe('down');
    expect(report.stores.redis).toMatchObject({
      status: 'down',
      latencyMs: 0,
      error: 'not connected (manager is closed)',
    });
    await expect.poll(() => openSockets(), { timeout: 3000 }).toBeLessThanOrEqual(before);
  });

  it('health before connect() reports every configured store as not connected', async () => {
    const manager = new DatabaseManager({ config: config() });
    const report = await manager.health();
    expect(report.stores).toEqual({
      redis: expect.objectContaining({ status: 'down', error: 'not connected (manager is new)' }),
    });
  });
});
