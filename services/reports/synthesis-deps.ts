import type { Knex } from 'knex';
import type { LocalityCatalogue } from '../../domain/localities/catalogue';
import { readHotspots } from '../../projections/hotspots.read';
import type { MonthlySynthesisDeps } from './monthly-synthesis';

/** Hot-spot warnings listed in a synthesis, strongest first. */
const SYNTHESIS_HOTSPOTS = 15;

/**
 * What the monthly synthesis reads, for the GraphQL field and `dlxh report monthly` alike: the read models, and the
 * early-warning read (the warnings raised during the month).
 */
export function synthesisDeps(knex: Knex, catalogue: LocalityCatalogue): MonthlySynthesisDeps {
  return {
    knex,
    catalogue,
    hotspots: (provinceCode, asOf, since) => readHotspots(knex, { provinceCode, asOf, raisedSince: since, limit: SYNTHESIS_HOTSPOTS }),
  };
}
