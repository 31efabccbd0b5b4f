/** The committed SDL is what the code emits, and it never breaks the contract departments integrate against. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, findBreakingChanges } from 'graphql';
import { describe, expect, it } from 'vitest';
import { emittedSdl } from '../../src/graphql/emit-schema';

const ROOT = join(__dirname, '..', '..');
const CONTRACT = join(ROOT, '..', 'shared', 'contract.graphql');

describe('schema/schema.graphql', () => {
  it('is not stale (run `npm run schema:emit` after changing src/graphql)', async () => {
    expect(readFileSync(join(ROOT, 'schema', 'schema.graphql'), 'utf8')).toBe(await emittedSdl());
  });

  it('has no breaking change against shared/contract.graphql', async () => {
    const contract = buildSchema(readFileSync(CONTRACT, 'utf8'));
    const emitted = buildSchema(await emittedSdl());
    const breaking = findBreakingChanges(contract, emitted);
    expect(breaking.map((b) => `${b.type}: ${b.description}`)).toEqual([]);
  });

  it('has no fee anywhere (Art. 15: application, endorsement and change registration are free)', async () => {
    expect(await emittedSdl()).not.toMatch(/fee\b|Fee\b|charge/i);
  });
});
