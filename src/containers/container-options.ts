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

/** What a container's connection URL is built from: the host and mapped port, its environment and command (as Docker reports them). */
export interface UrlParts {
  host: string;
  port: number;
  env: Record<string, string>;
  command: string[];
}

/** How to reach one store's container from the host, from what Docker reports of it (the `status` command). */
export interface ContainerUrl {
  /** The store's port inside the container. */
  port: number;
  /** The URL with the credentials the container was started with (the same as the stack's `url()`). */
  url(parts: UrlParts): string;
}
