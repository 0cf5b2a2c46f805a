// Which scope the factories' generated data belongs to. Sequences and faker restart whenever the
// mark changes: a new test (or file scope) began, or resetFactorySequences() was called.
import { currentScope, hasCurrentScope, type CurrentScope } from '../fixtures/current-scope.js';
import { processSlot } from '../fixtures/process-state.js';

/** The scope of generated data: the running test's scope object (or none) and the reset count. */
export interface ScopeMark {
  readonly scope: CurrentScope | undefined;
  readonly generation: number;
}

const generation = processSlot<number>('factoryGeneration');

/** The mark of the scope running now. */
export function currentMark(): ScopeMark {
  return {
    scope: hasCurrentScope() ? currentScope() : undefined,
    generation: generation.get() ?? 0,
  };
}

/** Whether two marks are the same scope and generation. */
export function sameMark(a: ScopeMark | undefined, b: ScopeMark): boolean {
  return a !== undefined && a.scope === b.scope && a.generation === b.generation;
}

/**
 * Restarts every factory's sequence at 1 and reseeds faker, as at the start of a test. The factories
 * already do this by themselves whenever a new test (a new current scope) starts using them; the
 * runner adapters call it at each test start too, and seed scripts may call it between runs.
 */
export function resetFactorySequences(): void {
  generation.set((generation.get() ?? 0) + 1);
}
