// The control of the type checks: tsc must fail here, on a subpath that does not exist and on the
// check of a value typed `any` (what the other files' checks report for declarations that did not resolve).
import { nothing } from 'database-config-testing/no-such-entry';

export let typed: symbol;
// @ts-expect-error -- `any` is assignable to anything: tsc reports this directive unused
typed = JSON.parse('{}');
// @ts-expect-error -- so is the unresolved import's
typed = nothing;
