import { MongoDBContainer } from '@testcontainers/mongodb';
import { GenericContainer, Wait } from 'testcontainers';
import { isOfficialMongoImage, resolveImage } from '../images.js';

export const MONGODB_PORT = 27017;

/**
 * A MongoDB-protocol container: the official testcontainers module for official mongo images
 * (it starts a single-node replica set), a generic container for other servers that speak the
 * protocol (FerretDB on machines with no registry), which need no replica set.
 */
export function mongodbContainer(image: string = resolveImage('mongodb')): GenericContainer {
  if (isOfficialMongoImage(image)) return new MongoDBContainer(image);
  return new GenericContainer(image)
    .withExposedPorts(MONGODB_PORT)
    .withWaitStrategy(Wait.forListeningPorts())
    .withStartupTimeout(120_000);
}
