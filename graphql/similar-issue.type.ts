import { Field, Float, ObjectType } from 'type-graphql';
import { Issue } from './issue.type';

@ObjectType({
  description:
    'Gợi ý vụ việc trùng lặp: an open issue of the province whose text is like the given text. A suggestion only: nothing is merged or attached until an officer does it (attachReport, mergeIssues).',
})
export class SimilarIssue {
  @Field(() => Issue, { description: 'The issue suggested, as you may see it' })
  issue!: Issue;

  @Field(() => Float, {
    description: 'pg_trgm word similarity (0–1) between the text (folded without diacritics, without the words every report uses such as “người dân phản ánh”) and the closest stretch of the issue’s reports; at least 0.35',
  })
  similarity!: number;

  @Field(() => Boolean, { description: 'The issue shares a sector with the text (the sector asked for, or the report’s)' })
  sameSector!: boolean;

  @Field(() => Float, { description: 'What suggestions are ranked by: similarity, plus 0.1 when sameSector' })
  score!: number;
}
