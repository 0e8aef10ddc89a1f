import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { SectorSuggestion as DomainSectorSuggestion } from '../domain/analytics/suggest-sectors';
import { SECTOR_LABELS, type Sector } from '../domain/vocabulary';
import { SectorEnum } from './vocabulary.type';

@ObjectType({
  description:
    'Gợi ý lĩnh vực: a sector the text points to, from the Vietnamese phrase dictionary (diacritics and tone-mark placement do not matter). A suggestion only: it is never applied to a report.',
})
export class SectorSuggestion {
  @Field(() => SectorEnum)
  sector!: Sector;

  @Field(() => String, { description: 'Nhãn tiếng Việt' })
  label!: string;

  @Field(() => Int, { description: 'Sum of the weights (1–3) of the distinct phrases found for this sector' })
  score!: number;

  @Field(() => Float, { description: 'This sector’s share of the scores of all suggested sectors (0–1)' })
  confidence!: number;

  @Field(() => [String], { description: 'The dictionary phrases found, as the dictionary writes them, in the order they occur' })
  matchedPhrases!: string[];
}

export function toSectorSuggestion(suggestion: DomainSectorSuggestion): SectorSuggestion {
  return { ...suggestion, label: SECTOR_LABELS[suggestion.sector] };
}
