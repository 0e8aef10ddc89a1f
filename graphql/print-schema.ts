/** Writes schema.graphql from the resolvers: `npm run schema`. A test fails when the committed file is stale. */
import { SCHEMA_FILE, writeSchemaFile } from './schema';

writeSchemaFile();
console.log(`wrote ${SCHEMA_FILE}`);
