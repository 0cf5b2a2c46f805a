// Preloaded with --import: makes the packages named in DBC_HIDE_PACKAGES (comma-separated) fail to
// resolve as an uninstalled package does, for import() and require() alike (Node's module hooks).
import { registerHooks } from 'node:module';

const hidden = new Set((process.env.DBC_HIDE_PACKAGES ?? '').split(',').filter(Boolean));

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (!hidden.has(specifier)) return nextResolve(specifier, context);
    const esm = context.conditions.includes('import');
    const error = new Error(
      esm
        ? `Cannot find package '${specifier}' imported from ${context.parentURL}`
        : `Cannot find module '${specifier}'`,
    );
    error.code = esm ? 'ERR_MODULE_NOT_FOUND' : 'MODULE_NOT_FOUND';
    throw error;
  },
});
