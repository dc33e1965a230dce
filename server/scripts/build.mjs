/**
 * `pnpm build`: the server as one JavaScript file, dist/cli.js, run by plain `node dist/cli.js serve` (no tsx).
 *
 * esbuild bundles our sources, the generated Prisma client (TypeScript in src/generated) and @earshot/shared (a
 * workspace package that exports TypeScript, which Node does not run from node_modules). Every other package stays
 * external, loaded from node_modules at run time: their wasm (schema engine, PGlite, Prisma's query compiler) is
 * found next to their own files, and graphql keeps the one copy Pothos and yoga use.
 * dist/ sits in server/ like src/, so SERVER_ROOT (config.ts) is still server/: prisma/schema.prisma and
 * prisma/migrations are read from there, not copied.
 * A bare import of a package that is not in "dependencies" fails the build (it would be missing in production).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SERVER_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(SERVER_ROOT, 'package.json'), 'utf8'));
const deps = Object.keys(pkg.dependencies ?? {});
const bundled = deps.filter((name) => pkg.dependencies[name].startsWith('workspace:'));
const external = deps.filter((name) => !bundled.includes(name));
const nodeTarget = `node${/(\d+(?:\.\d+)*)/.exec(JSON.parse(fs.readFileSync(path.join(SERVER_ROOT, '..', 'package.json'), 'utf8')).engines.node)[1]}`;

/** Bare imports: a dependency (external, or a workspace package to bundle), a Node built-in, or an error. */
const onlyDependencies = {
  name: 'only-dependencies',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (args.path.startsWith('node:')) return { external: true };
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      if (external.includes(name)) return { external: true };
      if (bundled.includes(name)) return undefined;
      return { errors: [{ text: `"${args.path}" is imported by ${path.relative(SERVER_ROOT, args.importer)} but "${name}" is not in server/package.json "dependencies"` }] };
    });
  },
};

const outdir = path.join(SERVER_ROOT, 'dist');
fs.rmSync(outdir, { recursive: true, force: true });
const started = performance.now();
const result = await build({
  absWorkingDir: SERVER_ROOT,
  entryPoints: ['src/cli.ts'],
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: nodeTarget,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [onlyDependencies],
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
const inputs = Object.keys(result.metafile.inputs).length;
console.log(`built dist/cli.js from ${inputs} files (${(bytes / 1024).toFixed(0)} KiB with its source map, ${nodeTarget}) in ${Math.round(performance.now() - started)} ms`);
