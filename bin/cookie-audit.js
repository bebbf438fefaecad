#!/usr/bin/env node
// Runs the compiled CLI (dist/cli, built by `npm run build:cli` and shipped in the package), so
// starting needs no TypeScript loader and never reads the working directory's tsconfig.json.
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/main.js')) throw error;
  process.stderr.write('cookie-audit: the compiled CLI is missing (dist/cli/main.js); run `npm run build:cli` in the project, or reinstall the package.\n');
  process.exit(2);
}
process.exitCode = await cli.main();
