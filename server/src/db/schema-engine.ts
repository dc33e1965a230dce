/**
 * Prisma's schema engine compiled to WebAssembly, driven through a driver adapter: migrations without the
 * native `schema-engine` binary that every Prisma CLI command would otherwise download (STACK.md).
 * The wasm is instantiated by hand so neither Node nor vitest needs --experimental-wasm-modules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine as SchemaEngineType } from '@prisma/schema-engine-wasm';
import pg from 'pg';
import type { PrismaPGlite } from 'pglite-prisma-adapter';

export type SchemaEngine = SchemaEngineType;

type Glue = typeof import('@prisma/schema-engine-wasm') & {
  __wbg_set_wasm(exports: unknown): void;
};
/** The part of the global WebAssembly API used here (the server's tsconfig has no DOM lib). */
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const { WebAssembly } = globalThis as unknown as { WebAssembly: WasmApi };
let gluePromise: Promise<Glue> | undefined;

function loadGlue(): Promise<Glue> {
  gluePromise ??= (async () => {
    const gluePath = fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as Glue;
    const bytes = fs.readFileSync(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': glue,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return gluePromise;
}

/**
 * pglite-prisma-adapter 0.7.2's executeScript does not await `exec`, so a failing migration would be
 * recorded as applied. This wrapper makes script errors propagate.
 */
function awaitingScripts(factory: PrismaPGlite, pglite: PGlite, onError: (e: Error) => void): SqlMigrationAwareDriverAdapterFactory {
  const fix = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    adapter.executeScript = async (script: string) => {
      try {
        await pglite.exec(script);
      } catch (e) {
        // The engine reports only "external connector error"; keep the database's own words for the user.
        onError(e as Error);
        throw e;
      }
    };
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => fix(await factory.connect()),
    connectToShadowDb: async () => factory.connectToShadowDb(),
  };
}

export interface EngineHandle {
  engine: SchemaEngine;
  /** The database's error from the last failed script (embedded mode), for a readable message. */
  lastScriptError(): Error | undefined;
  close(): Promise<void>;
}

export interface EngineTarget {
  databaseUrl?: string | undefined;
  pglite?: PGlite | undefined;
}

/** Starts an engine on the given database. Call close() when done: the engine never releases its connection. */
export async function startSchemaEngine(schemaPath: string, target: EngineTarget, log: (line: string) => void = () => {}): Promise<EngineHandle> {
  const glue = await loadGlue();
  let factory: SqlMigrationAwareDriverAdapterFactory;
  let cleanup: () => Promise<void>;
  let scriptError: Error | undefined;
  if (target.databaseUrl) {
    // A dedicated pool: the engine holds an advisory lock and a timer on its connection until the pool ends.
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 2 });
    // Same as the app's pool: an idle connection the server closes must not become an uncaught error.
    pool.on('error', () => {});
    factory = new PrismaPg(pool);
    cleanup = () => pool.end();
  } else if (target.pglite) {
    const { PrismaPGlite } = await import('pglite-prisma-adapter');
    factory = awaitingScripts(new PrismaPGlite(target.pglite), target.pglite, (e) => {
      scriptError = e;
    });
    cleanup = async () => {};
  } else {
    throw new Error('startSchemaEngine needs a databaseUrl or a PGlite instance');
  }
  const datamodel = fs.readFileSync(schemaPath, 'utf8');
  const engine = await glue.SchemaEngine.new({ datamodels: [[schemaPath, datamodel]] }, log, bindMigrationAwareSqlAdapterFactory(factory));
  return {
    engine,
    lastScriptError: () => scriptError,
    async close() {
      engine.free();
      await cleanup();
    },
  };
}
