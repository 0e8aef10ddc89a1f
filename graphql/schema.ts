import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { RESOLVERS } from './resolvers';

let schema: GraphQLSchema | undefined;

/** The API's schema, built once from the resolvers' decorators. */
export function getSchema(): GraphQLSchema {
  // type-graphql requires a PubSub once there are subscriptions, even though ours all bring their own `subscribe`
  // (graphql/changefeed.ts); nothing is ever published to this one.
  schema ??= buildSchemaSync({ resolvers: RESOLVERS, validate: false, pubSub: createPubSub() });
  return schema;
}

export const SCHEMA_FILE = path.resolve(__dirname, '..', 'schema.graphql');

/** The SDL committed as schema.graphql (sorted, so the file only changes when the schema does). */
export function schemaSdl(): string {
  return `${printSchema(lexicographicSortSchema(getSchema()))}\n`;
}

export function writeSchemaFile(file = SCHEMA_FILE): void {
  fs.writeFileSync(file, schemaSdl());
}
