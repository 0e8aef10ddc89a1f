import { Router } from 'express';
import { JSON_SCHEMA_DIALECT } from '../../domain/json-schema';
import { findSchema, PUBLISHED_SCHEMAS, PublishedSchema } from '../../domain/event-catalogue';

/**
 * The published event contract, public like any API documentation (it describes shapes, never data):
 * - GET /schemas: the index — every event type and version, with its category, whether it is current, and its URL;
 * - GET /schemas/:type: the versions of one type;
 * - GET /schemas/:type/:version: the JSON Schema (draft 2020-12) of that version's `data`.
 * Earlier versions stay published: they describe what is stored, and an upcaster reads them as the current version.
 */
export function schemasRouter(): Router {
  const router = Router();
  const entry = (baseUrl: string, s: PublishedSchema) => ({
    type: s.type,
    version: s.version,
    category: s.category,
    current: s.current,
    upcastedBy: s.upcastedBy,
    url: `${baseUrl}/${s.type}/${s.version}`,
  });
  const notFound = (what: string) => ({ error: 'NOT_FOUND', message: `${what}; GET /schemas lists every published schema` });

  router.get('/', (req, res) => {
    res.set('cache-control', 'public, max-age=300').json({ dialect: JSON_SCHEMA_DIALECT, schemas: PUBLISHED_SCHEMAS.map((s) => entry(req.baseUrl, s)) });
  });
  router.get('/:type', (req, res) => {
    const versions = PUBLISHED_SCHEMAS.filter((s) => s.type === req.params.type);
    if (versions.length === 0) return void res.status(404).json(notFound('no such event type'));
    res.set('cache-control', 'public, max-age=300').json({ type: req.params.type, versions: versions.map((s) => entry(req.baseUrl, s)) });
  });
  router.get('/:type/:version', (req, res) => {
    if (!/^[1-9]\d{0,5}$/.test(req.params.version)) {
      return void res.status(400).json({ error: 'BAD_USER_INPUT', message: 'version must be a positive integer, e.g. /schemas/ReportSubmitted/2' });
    }
    const found = findSchema(req.params.type, Number(req.params.version));
    if (found === undefined) return void res.status(404).json(notFound('no such event type and version'));
    res.set('cache-control', 'public, max-age=3600').type('application/schema+json').send(JSON.stringify(found.schema, null, 2));
  });
  return router;
}
