import type { NonEmptyArray } from 'type-graphql';
import { MetaResolver } from './meta.resolver';
import { IssueConnectionResolver, IssueResolver } from './issue.resolver';
import { IssueMutationsResolver } from './issue-mutations.resolver';
import { CollaboratorMutationsResolver } from './collaborator-mutations.resolver';
import { TrendResolver } from './trend.resolver';
import { HotspotResolver } from './hotspot.resolver';
import { SlaResolver } from './sla.resolver';
import { CollaboratorResolver } from './collaborator.resolver';
import { LocalityResolver } from './locality.resolver';
import { AuditResolver } from './audit.resolver';
import { WebhookResolver } from './webhook.resolver';
import { SubscriptionResolver } from './subscription.resolver';
import { HistoryResolver } from './history.resolver';
import { FeedResolver } from './feed.resolver';
import { SurveyResolver } from './survey.resolver';
import { SurveyMutationsResolver } from './survey-mutations.resolver';
import { SubmitReportSuggestionsResolver, SuggestionResolver } from './suggestion.resolver';
import { MonthlySynthesisResolver } from './monthly-synthesis.resolver';

/** Every resolver class of the API. */
export const RESOLVERS: NonEmptyArray<Function> = [
  MetaResolver,
  IssueResolver,
  IssueConnectionResolver,
  IssueMutationsResolver,
  CollaboratorMutationsResolver,
  TrendResolver,
  HotspotResolver,
  SlaResolver,
  CollaboratorResolver,
  LocalityResolver,
  AuditResolver,
  WebhookResolver,
  SubscriptionResolver,
  HistoryResolver,
  FeedResolver,
  SurveyResolver,
  SurveyMutationsResolver,
  SuggestionResolver,
  SubmitReportSuggestionsResolver,
  MonthlySynthesisResolver,
];
