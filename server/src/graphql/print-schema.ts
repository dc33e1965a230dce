/** Prints the schema to server/schema.graphql (committed; a test fails when it is stale). */
import fs from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { SERVER_ROOT } from '../config.js';
import { schema } from './schema.js';

export const SCHEMA_FILE = path.join(SERVER_ROOT, 'schema.graphql');
export const printedSchema = () => `${printSchema(schema)}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  fs.writeFileSync(SCHEMA_FILE, printedSchema());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
