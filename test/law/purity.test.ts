/**
 * src/law is the law and nothing else (STYLE "the law in the middle"): every import inside it is
 * relative and stays inside src/law, so it never reaches graphql, type-graphql, @mikro-orm,
 * dataloader, graphql-shield, node:* or any other package.
 */
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';

const LAW_DIR = path.resolve(__dirname, '../../src/law');

function tsFilesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFilesUnder(full);
    return e.isFile() && e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module specifier: import/export ... from, side-effect import, import(), require(), import x = require(). */
function specifiersOf(source: string): string[] {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, ' ') // block comments
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1'); // line comments
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"`]([^'"`]+)['"`]/g,
    /\bimport\s*['"`]([^'"`]+)['"`]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  const found: string[] = [];
  for (const p of patterns) for (const m of code.matchAll(p)) found.push(m[1]);
  return found;
}

/** Why a specifier is not allowed in `file`, or null when it is relative and stays inside src/law. */
function problemWith(file: string, spec: string): string | null {
  if (!spec.startsWith('./') && !spec.startsWith('../')) return 'not a relative import';
  const target = path.resolve(path.dirname(file), spec);
  const rel = path.relative(LAW_DIR, target);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return 'leaves src/law';
  return null;
}

describe('the specifier scanner finds every kind of import (so the purity check is not vacuous)', () => {
  it.each([
    // source,                                                  specifiers
    ["import { a } from './a';", ['./a']],
    ["import type { B } from '../b';", ['../b']],
    ["export * from './c';", ['./c']],
    ['export { d } from "./d";', ['./d']],
    ["import {\n  x,\n  y,\n} from 'graphql';", ['graphql']],
    ["import 'reflect-metadata';", ['reflect-metadata']],
    ["const m = await import('node:fs');", ['node:fs']],
    ["const n = require('@mikro-orm/core');", ['@mikro-orm/core']],
    ["import fs = require('fs');", ['fs']],
    ["// import { no } from 'commented-out';\nconst a = 1;", []],
    ["/* import x from 'dataloader' */ const b = 2;", []],
  ])('%j → %j', (source, expected) => {
    expect(specifiersOf(source).sort()).toEqual([...expected].sort());
  });

  it.each([
    // file (under src/law),  specifier,          allowed
    ['index.ts', './articles', true],
    ['rules/timeline.ts', '../periods', true],
    ['rules/timeline.ts', './deadlines', true],
    ['index.ts', '../app/foo', false],
    ['rules/timeline.ts', '../../db/x', false],
    ['index.ts', 'graphql', false],
    ['index.ts', 'node:crypto', false],
    ['index.ts', '@mikro-orm/core', false],
  ])('in %s, %j allowed: %s', (file, spec, allowed) => {
    expect(problemWith(path.join(LAW_DIR, file), spec) === null).toBe(allowed);
  });
});

describe('src/law imports only src/law', () => {
  const files = tsFilesUnder(LAW_DIR);

  it('finds the law files, including rules/', () => {
    const rel = files.map((f) => path.relative(LAW_DIR, f).split(path.sep).join('/'));
    expect(rel).toContain('index.ts');
    expect(rel).toContain('rules/eligibility.ts');
    expect(rel).toContain('rules/timeline.ts');
  });

  it.each(files.map((f) => [path.relative(LAW_DIR, f).split(path.sep).join('/'), f] as const))(
    '%s',
    (_rel, file) => {
      const source = fs.readFileSync(file, 'utf8');
      const bad = specifiersOf(source)
        .map((spec) => ({ spec, problem: problemWith(file, spec) }))
        .filter((x) => x.problem !== null);
      expect(bad).toEqual([]);
    },
  );
});
