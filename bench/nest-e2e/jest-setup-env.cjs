// Jest setupFiles of the hand-cleaned variant: the worker's namespaces, before the app loads.
require('./manual-data.cjs').useWorkerEnv(process.env.JEST_WORKER_ID ?? '1');
