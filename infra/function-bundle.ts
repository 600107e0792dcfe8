import { fileURLToPath } from 'node:url';
import type { ClientConfig } from '#shared/core/config/client.ts';

/** The repository root: `package.json`, `package-lock.json` and `functions/` live here. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * esbuild settings for every function, shared by the stack and the bundle benchmark so both
 * measure the same output. The AWS SDK is bundled too (no externals): the bundle then runs
 * with the SDK version in `package-lock.json`, not the one the Lambda runtime happens to ship.
 */
export const FUNCTION_BUNDLE = {
  target: 'node22',
  format: 'esm',
  minify: true,
  sourceMap: true,
  // Stack traces need only the mappings; the sources would triple the map's size.
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
  banner:
    "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  externalModules: [] as string[],
} as const;

/**
 * Node option that maps stack traces to the TypeScript sources. Node then reads each bundle's
 * source map at start-up, which lengthens every cold start (`test/bench/bundles.ts` measures
 * by how much), so the stack sets it only when asked.
 */
export const SOURCE_MAPS_NODE_OPTION = '--enable-source-maps';

/**
 * The esbuild `define` that bakes the client configuration into a bundle. The value must be
 * a JavaScript expression, so the JSON text is quoted once more to become a string literal.
 */
export function clientConfigDefine(
  config: ClientConfig,
): Record<string, string> {
  return {
    __NURTURE_CLIENT_CONFIG__: JSON.stringify(JSON.stringify(config)),
  };
}
