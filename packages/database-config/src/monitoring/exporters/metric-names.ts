/**
 * The metrics both exporters publish, named by OpenTelemetry's database client semantic
 * conventions where one exists (`db.client.*`), under `database_config.*` otherwise. Prometheus
 * names are the same with dots as underscores, the unit and `_total` appended as the OpenTelemetry
 * Prometheus exporter would.
 */
export const MONITOR_METRICS = {
  operationDuration: {
    name: 'db.client.operation.duration',
    unit: 's',
    description: 'Duration of database client operations.',
  },
  connectionCount: {
    name: 'db.client.connection.count',
    unit: '{connection}',
    description: 'Connections in the pool, by state (idle, used).',
  },
  connectionMax: {
    name: 'db.client.connection.max',
    unit: '{connection}',
    description: 'The largest number of open connections the pool allows.',
  },
  pendingRequests: {
    name: 'db.client.connection.pending_requests',
    unit: '{request}',
    description: 'Requests waiting for a connection (pool wait queue, Redis offline queue).',
  },
  inFlight: {
    name: 'database_config.client.requests_in_flight',
    unit: '{request}',
    description: 'Requests sent and not answered yet (Redis command queue, Qdrant calls).',
  },
  reconnects: {
    name: 'database_config.client.reconnects',
    unit: '{reconnect}',
    description: 'Connections re-established after being lost.',
  },
  circuitState: {
    name: 'database_config.circuit.state',
    unit: '1',
    description: "1 for the circuit breaker's current state (closed, open, halfOpen), 0 for the others.",
  },
  healthUp: {
    name: 'database_config.health.up',
    unit: '1',
    description: '1 when the last health check of the store passed, 0 when it failed.',
  },
} as const;

/** Attribute names (OpenTelemetry); Prometheus labels are the same with dots as underscores. */
export const ATTRIBUTES = {
  system: 'db.system.name',
  operation: 'db.operation.name',
  errorType: 'error.type',
  pool: 'db.client.connection.pool.name',
  state: 'db.client.connection.state',
  circuit: 'database_config.circuit.state',
} as const;

export const CIRCUIT_STATES = ['closed', 'open', 'halfOpen'] as const;

/** Bucket bounds in seconds, from the monitor's in milliseconds. */
export const secondsBuckets = (bucketsMs: readonly number[]) => bucketsMs.map((ms) => ms / 1000);
