import { QdrantContainer } from '@testcontainers/qdrant';
import { applyContainerOptions, type ContainerOptions } from '../container-options.js';
import { resolveImage } from '../images.js';

export const QDRANT_HTTP_PORT = 6333;

/**
 * A Qdrant container through testcontainers' Qdrant module (ready when Qdrant has logged its
 * start and `/readyz` answers; the offline stand-in image honours the same contract).
 */
export function qdrantContainer(options: ContainerOptions = {}): QdrantContainer {
  const container = new QdrantContainer(options.image ?? resolveImage('qdrant')).withStartupTimeout(120_000);
  if (options.command) container.withCommand(options.command);
  return applyContainerOptions(container, options, QDRANT_HTTP_PORT);
}
