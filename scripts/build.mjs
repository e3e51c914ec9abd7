// Builds dist/ from src/: each TypeScript module transpiled to one ES module (no bundling, so the
// CLI loads only the modules a command imports), then the console (src/web) with Vite into
// dist/web. Type checking is `npm run typecheck` (tsc).
//
// The console build is skipped when its inputs are unchanged since the last one: a hash of the
// web sources, the shared and core code they may import, the Vite config and the lock file is
// kept in dist/web/.build-stamp, so `npm test` (which builds first) stays fast.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const webOut = path.join(dist, 'web');
const entryPoints = fs
  .readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith(`web${path.sep}`))
  .map((f) => path.join(root, 'src', f));

// Everything but the console, whose own build decides below whether it is still current.
for (const entry of fs.existsSync(dist) ? fs.readdirSync(dist) : [])
  if (entry !== 'web') fs.rmSync(path.join(dist, entry), { recursive: true, force: true });
await build({
  entryPoints,
  outdir: dist,
  outbase: path.join(root, 'src'),
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});

/** sha256 over the console's inputs, file names included, in a stable order */
function webInputsHash() {
  const h = crypto.createHash('sha256');
  const files = ['src/web', 'src/shared', 'src/core']
    .flatMap((dir) =>
      fs
        .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
        .map((f) => path.join(dir, f))
        .filter((f) => !f.includes('.test.') && fs.statSync(path.join(root, f)).isFile()),
    )
    .concat(['vite.config.ts', 'package-lock.json'].filter((f) => fs.existsSync(path.join(root, f))))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
  for (const f of files)
    h.update(`${f}\0`)
      .update(fs.readFileSync(path.join(root, f)))
      .update('\0');
  return h.digest('hex');
}

const stampFile = path.join(webOut, '.build-stamp');
const hash = webInputsHash();
const current =
  fs.existsSync(path.join(webOut, 'index.html')) &&
  fs.existsSync(stampFile) &&
  fs.readFileSync(stampFile, 'utf8').trim() === hash;
if (!current) {
  let vite;
  try {
    vite = await import('vite');
  } catch {
    // an install without devDependencies: the server then shows how to build the console
    console.warn('build: vite is not installed, the console (dist/web) is not built');
  }
  if (vite) {
    await vite.build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
    fs.writeFileSync(stampFile, `${hash}\n`);
  }
}
