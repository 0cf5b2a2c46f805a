// zod's tree-shakable build (zod/mini) with its English messages: the one place the config's
// schemas (and the testing package's, through the internal entry) come from. The classic build
// loads ~850 KB over 95 modules (55-100 ms per load here), paid by every Jest test file that builds
// a client (Jest evaluates a file's modules anew) and by every Vitest file under isolate: true;
// bundled into dist from zod/mini, the parts named here are ~55 KB (~7 ms). Only these names are
// exported, never zod/mini's namespace, which would keep all of it (every locale) in the bundle.
// Values only: types come from 'zod/mini' itself (a type in `export * as z` is emitted as a broken
// `typeof` by the declaration bundler).
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export {
  _default,
  array,
  boolean,
  enum,
  int,
  maximum,
  maxLength,
  minimum,
  minLength,
  optional,
  pipe,
  record,
  refine,
  regex,
  safeParse,
  strictObject,
  string,
  transform,
  union,
} from 'zod/mini';
