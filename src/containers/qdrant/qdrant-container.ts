import { GenericContainer, Wait } from 'testcontainers';
import { resolveImage } from '../images.js';

export const QDRANT_HTTP_PORT = 6333;

/** A Qdrant container, ready when `/readyz` answers 200. */
export function qdrantContainer(image: string = resolveImage('qdrant')): GenericContainer {
  return new GenericContainer(image)
    .withExposedPorts(QDRANT_HTTP_PORT)
    .withWaitStrategy(Wait.forHttp('/readyz', QDRANT_HTTP_PORT).forStatusCode(200))
    .withStartupTimeout(120_000);
}
