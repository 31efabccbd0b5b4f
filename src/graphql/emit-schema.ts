/** `npm run schema:emit`: writes the emitted SDL to schema/schema.graphql (a test fails when it is stale). */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSchema } from 'graphql';
import { buildBareSchema } from './schema';

export const SCHEMA_FILE = join(__dirname, '..', '..', '..', 'schema', 'schema.graphql');

export async function emittedSdl(): Promise<string> {
  return `# Emitted by \`npm run schema:emit\` from src/graphql: do not edit by hand.\n${printSchema(await buildBareSchema())}\n`;
}

if (require.main === module) {
  void emittedSdl().then((sdl) => {
    writeFileSync(process.argv[2] ?? join(process.cwd(), 'schema', 'schema.graphql'), sdl);
    process.stderr.write('schema/schema.graphql written\n');
  });
}
