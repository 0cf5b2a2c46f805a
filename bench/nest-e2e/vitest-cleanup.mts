// Vitest setupFiles of the hand-cleaned variant: the worker's namespaces, and every test's data
// removed after it.
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll } from 'vitest';

const { connect, disconnect, removeData, useWorkerEnv } = createRequire(import.meta.url)('./manual-data.cjs');
const id = process.env.VITEST_POOL_ID ?? '1';
useWorkerEnv(id);

let clients: unknown;
beforeAll(async () => {
  clients = await connect(id);
});
afterEach(() => removeData(clients));
afterAll(() => disconnect(clients));
