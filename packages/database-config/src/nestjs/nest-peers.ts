import type * as Terminus from '@nestjs/terminus';
import type * as NestMongoose from '@nestjs/mongoose';
import { importPeer } from '../config/peer.js';

/**
 * `@nestjs/terminus`, loaded when `DatabaseHealthModule` is imported: an app without health checks
 * need not install it. Missing, it is a `MissingPeerDependencyError` with the install command.
 */
export function loadTerminus(): Promise<typeof Terminus> {
  return importPeer(
    undefined,
    '@nestjs/terminus',
    () => import('@nestjs/terminus'),
    'DatabaseHealthModule (the @nestjs/terminus health indicators)',
  );
}

/** `@nestjs/mongoose`, loaded when a module is given `mongooseConnection`. */
export function loadNestMongoose(): Promise<typeof NestMongoose> {
  return importPeer(
    'mongodb',
    '@nestjs/mongoose',
    () => import('@nestjs/mongoose'),
    "The mongooseConnection option (MongooseModule.forFeature on this library's connection)",
  );
}
