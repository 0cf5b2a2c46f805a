/** Per-store container settings from the fixture config. */
export interface ContainerOptions {
  /** Image; defaults to the store's resolved image (override variable, else official). */
  image?: string;
  /** Command replacing the test-grade default. */
  command?: string[];
  /** Extra environment. */
  env?: Record<string, string>;
  /** Labels added to the container. */
  labels?: Record<string, string>;
  /** Reuse a running container with the same settings (testcontainers' reuse). */
  reuse?: boolean;
  /** A fixed host port for the store's port (to connect a GUI or a CLI); a random free port when unset. */
  port?: number;
}

/** Applies the options every store shares to a testcontainers builder. */
export function applyContainerOptions<
  C extends {
    withEnvironment(env: Record<string, string>): C;
    withLabels(labels: Record<string, string>): C;
    withReuse(): C;
    withExposedPorts(...ports: { container: number; host: number }[]): C;
  },
>(container: C, options: ContainerOptions, storePort: number): C {
  let result = container;
  // The store's port is exposed on a random host port already; a fixed one replaces that binding.
  if (options.port) result = result.withExposedPorts({ container: storePort, host: options.port });
  if (options.env) result = result.withEnvironment(options.env);
  if (options.labels) result = result.withLabels(options.labels);
  if (options.reuse) result = result.withReuse();
  return result;
}
