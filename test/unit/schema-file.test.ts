import fs from 'node:fs';
import { SCHEMA_FILE, schemaSdl } from '../../graphql/schema';

describe('schema.graphql', () => {
  it('is committed and up to date with the resolvers (run `npm run schema` after changing them)', () => {
    expect(fs.existsSync(SCHEMA_FILE)).toBe(true);
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaSdl());
  });
});
