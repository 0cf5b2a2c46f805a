import { MongoDBContainer } from '@testcontainers/mongodb';
import { GenericContainer, Wait } from 'testcontainers';
import { applyContainerOptions, type ContainerOptions, type ContainerUrl } from '../container-options.js';
import { isOfficialMongoImage, resolveImage } from '../images.js';
import { CONTAINER_PORTS } from '../container-ports.js';

export const MONGODB_PORT = CONTAINER_PORTS.mongodb;

/**
 * A MongoDB-protocol container: the official testcontainers module for official mongo images
 * (it starts a single-node replica set), a generic container for other servers that speak the
 * protocol (FerretDB on machines with no registry), which need no replica set.
 */
export function mongodbContainer(options: ContainerOptions = {}): GenericContainer {
  const image = options.image ?? resolveImage('mongodb');
  const container = isOfficialMongoImage(image)
    ? new MongoDBContainer(image)
    : new GenericContainer(image)
        .withExposedPorts(MONGODB_PORT)
        .withWaitStrategy(Wait.forListeningPorts())
        .withStartupTimeout(120_000);
  if (options.command) container.withCommand(options.command);
  return applyContainerOptions(container, options, MONGODB_PORT);
}

/** A MongoDB container's URL: root credentials (from its environment) with authSource when both are set. */
export const mongodbContainerUrl: ContainerUrl = {
  port: MONGODB_PORT,
  url: ({ host, port, env }) => {
    const user = env.MONGO_INITDB_ROOT_USERNAME;
    const password = env.MONGO_INITDB_ROOT_PASSWORD;
    return user && password
      ? `mongodb://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/?authSource=admin&directConnection=true`
      : `mongodb://${host}:${port}/?directConnection=true`;
  },
};
