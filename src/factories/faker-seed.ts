// The faker seed of a test, for the factories and their public entry. It is computed where the
// test session prints it on a failure (fixtures/session/faker-seed.ts).
export {
  hashSeed,
  fakerSeedIssue,
  fakerSeedFor,
  factorySeed,
  describeFactorySeed,
  type FakerSeed,
} from '../fixtures/session/faker-seed.js';
