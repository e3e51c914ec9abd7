#!/usr/bin/env node
// The kaoping command: runs the built JavaScript in dist/ (built by `npm install` or `npm run build`).
// In a checkout without a build it falls back to the TypeScript sources through tsx (development only).
import { existsSync } from 'node:fs';

const dist = new URL('../dist/cli/', import.meta.url);
let cli, io;
if (existsSync(new URL('main.js', dist))) {
  [cli, io] = await Promise.all([import(new URL('main.js', dist).href), import(new URL('io.js', dist).href)]);
} else {
  (await import('tsx/esm/api')).register();
  [cli, io] = await Promise.all([import('../src/cli/main.ts'), import('../src/cli/io.ts')]);
}
process.exitCode = await cli.main(process.argv.slice(2), io.processIo(process.env));
