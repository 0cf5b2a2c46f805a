import { GenericContainer, Wait } from 'testcontainers';
import { applyContainerOptions, type ContainerOptions } from '../container-options.js';
import { resolveImage } from '../images.js';

export const QDRANT_HTTP_PORT = 6333;

/** A Qdrant container, ready when `/readyz` answers 200. */
export function qdrantContainer(options: ContainerOptions = {}): GenericContainer {
  const container = new GenericContainer(options.image ?? resolveImage('qdrant'))
    .withExposedPorts(QDRANT_HTTP_PORT)
    .withWaitStrategy(Wait.forHttp('/readyz', QDRANT_HTTP_PORT).forStatusCode(200))
    .withStartupTimeout(120_000);
  if (options.command) container.withCommand(options.command);
  return applyContainerOptions(container, options, QDRANT_HTTP_PORT);
}
