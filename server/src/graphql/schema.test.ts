import fs from 'node:fs';
import { OPERATIONS } from '@earshot/shared';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printedSchema, SCHEMA_FILE } from './print-schema.js';
import { schema } from './schema.js';

describe('schema', () => {
  it('is printed and committed (run `pnpm --filter @earshot/server print-schema` after a change)', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
  });

  it.each(Object.entries(OPERATIONS))('accepts the extension operation %s', (_name, document) => {
    expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
  });

  it('declares authorization on every object type the API exposes', () => {
    const sdl = printedSchema();
    expect(sdl).toContain('type Account implements Node');
    expect(sdl).toContain('resolveAccounts(context: PageContextInput!): [AccountMatch!]!');
  });
});
