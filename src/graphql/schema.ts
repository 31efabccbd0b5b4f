/** Builds the executable schema: type-graphql classes + resolvers, wrapped by the shield permissions. */
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { applyMiddleware } from 'graphql-middleware';
import { RESOLVERS } from './resolvers';
import { HOLDER_RESOLVERS } from './holder-resolvers';
import { CONSOLE_RESOLVERS } from './console-resolvers';
import { permissions } from './permissions';
import { DateScalar, DateTimeScalar } from './scalars';

/** The schema without permissions: what schema/schema.graphql records. */
export async function buildBareSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS, ...HOLDER_RESOLVERS, ...CONSOLE_RESOLVERS] as unknown as NonEmptyArray<
      new (...args: never[]) => unknown
    >,
    scalarsMap: [],
    orphanedTypes: [],
    validate: false,
    emitSchemaFile: false,
  }).then((s) => s);
}

export async function buildGatewaySchema(opts: { debug?: boolean } = {}): Promise<GraphQLSchema> {
  const bare = await buildBareSchema();
  return applyMiddleware(bare, permissions(bare, { debug: opts.debug ?? false }));
}

export { DateScalar, DateTimeScalar };
