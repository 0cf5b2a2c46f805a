// Jest setupFilesAfterEnv of the hand-cleaned variant: every test's data removed after it.
const { connect, disconnect, removeData } = require('./manual-data.cjs');

let clients;
beforeAll(async () => {
  clients = await connect(process.env.JEST_WORKER_ID ?? '1');
});
afterEach(() => removeData(clients));
afterAll(() => disconnect(clients));
