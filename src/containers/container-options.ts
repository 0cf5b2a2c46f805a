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
}

/** Applies the options every store shares to a testcontainers builder. */
export function applyContainerOptions<
  C extends {
    withEnvironment(env: Record<string, string>): C;
    withLabels(labels: Record<string, string>): C;
    withReuse(): C;
  },
>(container: C, options: ContainerOptions): C {
  let result = container;
  if (options.env) result = result.withEnvironment(options.env);
  if (options.labels) result = result.withLabels(options.labels);
  if (options.reuse) result = result.withReuse();
  return result;
}
