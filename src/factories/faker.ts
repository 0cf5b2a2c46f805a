// The faker the define functions get: one instance, reseeded whenever a new test (scope) starts
// drawing from it, so a test's data depends only on its name (or DBC_FAKER_SEED).
import type { Faker } from '@faker-js/faker';
// Only the English locale: the package's main entry loads every locale (measured: ~170 ms of CPU
// per process against ~30 ms), which every test file that imports the factories pays under
// `isolate: true`.
import { faker as englishFaker } from '@faker-js/faker/locale/en';
import { fakerSeedFor } from './faker-seed.js';
import { currentMark, sameMark, type ScopeMark } from './scope-mark.js';

/**
 * The reference date of faker's date methods (`faker.date.recent()`, ...): fixed, so dates are
 * reproducible too. Pass `{ refDate: new Date() }` to a call for dates relative to now.
 */
export const FAKER_REF_DATE = new Date('2025-06-01T00:00:00.000Z');

// An instance of our own (the locale module's one may be the application's): the same en + base data.
const FakerClass = englishFaker.constructor as typeof Faker;
const faker = new FakerClass({ locale: englishFaker.rawDefinitions });
faker.setDefaultRefDate(FAKER_REF_DATE);
let seededFor: ScopeMark | undefined;

/** The seeded faker of the running test (outside tests: of the seed script). */
export function factoryFaker(): Faker {
  const mark = currentMark();
  if (mark.scope) mark.scope.factoryData = true;
  if (!sameMark(seededFor, mark)) {
    faker.seed(fakerSeedFor(mark.scope?.name).seed);
    seededFor = mark;
  }
  return faker;
}
