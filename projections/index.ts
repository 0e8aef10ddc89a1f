import type { Projection } from './projection';
import { issuesProjection } from './issues.projection';
import { reportsProjection } from './reports.projection';
import { trendsProjection } from './trends.projection';
import { slaProjection } from './sla.projection';
import { collaboratorsProjection } from './collaborators.projection';
import { surveysProjection } from './surveys.projection';
import { hotspotsProjection } from './hotspots.projection';
import { webhookOutboxProjection } from '../services/integrations/webhooks/webhook-outbox.projection';

/** Every read model, by name. */
export const PROJECTIONS: readonly Projection[] = [issuesProjection, reportsProjection, trendsProjection, slaProjection, collaboratorsProjection, webhookOutboxProjection, surveysProjection, hotspotsProjection];

export function projectionsByName(names?: readonly string[]): Projection[] {
  if (!names || names.length === 0) return [...PROJECTIONS];
  return names.map((name) => {
    const p = PROJECTIONS.find((x) => x.name === name);
    if (!p) throw new Error(`unknown projection "${name}"; known: ${PROJECTIONS.map((x) => x.name).join(', ')}`);
    return p;
  });
}
