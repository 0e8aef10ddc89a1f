import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { enumOf } from './vocabulary.type';
import { DateTimeResolver } from 'graphql-scalars';
import {
  AGE_GROUP_LABELS,
  GENDER_LABELS,
  OCCUPATION_LABELS,
  QUESTION_KIND_LABELS,
  QuestionKind,
  SURVEY_DIMENSION_LABELS,
  SURVEY_STATUS_LABELS,
  SurveyDimension,
  SurveyStatus,
} from '../domain/survey/vocabulary';
import { Locality } from './locality.type';
import { PageInfo } from './pagination';

/**
 * The lists inside survey results are computed in full by three queries whatever is selected, and their length is
 * bounded by the questionnaire (questions, options, groups): they cost their selection once, not ten times.
 */
const SIZED_BY_THE_SURVEY = { complexity: ({ childComplexity }: { childComplexity: number }) => 1 + childComplexity };

export const QuestionKindEnum = enumOf(QUESTION_KIND_LABELS, 'SurveyQuestionKind', 'Loại câu hỏi khảo sát');
export const SurveyStatusEnum = enumOf(SURVEY_STATUS_LABELS, 'SurveyStatus', 'Trạng thái cuộc khảo sát');
export const SurveyDimensionEnum = enumOf(SURVEY_DIMENSION_LABELS, 'SurveyDimension', 'Chiều phân tổ kết quả khảo sát');
export const AgeGroupEnum = enumOf(AGE_GROUP_LABELS, 'AgeGroup', 'Nhóm tuổi');
export const GenderEnum = enumOf(GENDER_LABELS, 'Gender', 'Giới tính');
export const OccupationEnum = enumOf(OCCUPATION_LABELS, 'Occupation', 'Nghề nghiệp');

@ObjectType({ description: 'Phương án trả lời' })
export class SurveyChoiceOption {
  @Field(() => String, { description: 'Stable code, used in answers and CSV cells' })
  value!: string;

  @Field(() => String)
  label!: string;
}

@ObjectType({ description: 'Câu hỏi khảo sát' })
export class SurveyQuestion {
  @Field(() => ID, { description: 'Unique within the survey; the CSV column of the question' })
  id!: string;

  @Field(() => Int, { description: '0-based position in the questionnaire' })
  position!: number;

  @Field(() => String)
  text!: string;

  @Field(() => QuestionKindEnum)
  kind!: QuestionKind;

  @Field(() => String)
  kindLabel!: string;

  @Field(() => Boolean)
  required!: boolean;

  @Field(() => [SurveyChoiceOption], { ...SIZED_BY_THE_SURVEY, description: 'Choice questions only; empty otherwise' })
  options!: SurveyChoiceOption[];

  @Field(() => Int, { nullable: true, description: 'SCALE only: the lowest point' })
  scaleMin!: number | null;

  @Field(() => Int, { nullable: true, description: 'SCALE only: the highest point' })
  scaleMax!: number | null;
}

@ObjectType({ description: 'Cuộc điều tra, khảo sát dư luận xã hội' })
export class Survey {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => SurveyStatusEnum)
  status!: SurveyStatus;

  @Field(() => String)
  statusLabel!: string;

  @Field(() => Boolean, { description: 'Open, and now inside its opensAt–closesAt window' })
  acceptingResponses!: boolean;

  @Field(() => Locality)
  province!: Locality;

  @Field(() => [Locality], { description: 'Địa bàn khảo sát: the province (all its communes) and/or communes' })
  targetLocalities!: Locality[];

  @Field(() => DateTimeResolver, { nullable: true })
  opensAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true })
  closesAt!: Date | null;

  @Field(() => DateTimeResolver)
  openedAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true })
  closeReason!: string | null;

  @Field(() => Int, { description: 'Số phiếu trả lời' })
  responseCount!: number;

  @Field(() => DateTimeResolver, { nullable: true })
  lastResponseAt!: Date | null;
}

@ObjectType()
export class SurveyEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Survey)
  node!: Survey;
}

@ObjectType({ description: 'A page of surveys, newest first' })
export class SurveyConnection {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [SurveyEdge])
  edges!: SurveyEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ description: 'Tỷ lệ chọn một phương án (or a scale point) within a group' })
export class SurveyShare {
  @Field(() => String, { description: 'The option value, or the scale point as text' })
  value!: string;

  @Field(() => String)
  label!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Float, { nullable: true, description: 'count / respondents (multiple choice: shares may add up to more than 1); null without respondents' })
  share!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Sai số ở độ tin cậy 95%: 1.96·√(p(1−p)/n), n = respondents. Valid for a simple random sample; an opt-in online survey is not one, so read it as a lower bound',
  })
  marginOfError!: number | null;
}

@ObjectType({ description: 'Kết quả của một nhóm (a commune, an age group…) for one question' })
export class SurveyGroupResult {
  @Field(() => String, { description: 'Commune or province code, or a demographic code (UNKNOWN: not given)' })
  code!: string;

  @Field(() => String)
  label!: string;

  @Field(() => Int, { description: 'Responses of the group to the survey' })
  responses!: number;

  @Field(() => Int, { description: 'Of them, those who answered this question: the n of the shares' })
  respondents!: number;

  @Field(() => [SurveyShare], { ...SIZED_BY_THE_SURVEY, description: 'Every option (or scale point), in order; empty for free text' })
  shares!: SurveyShare[];

  @Field(() => Float, { nullable: true, description: 'SCALE only: the mean point' })
  mean!: number | null;

  @Field(() => Float, { nullable: true, description: 'SCALE only: 95% margin of error of the mean, 1.96·s/√n (simple random sample)' })
  meanMarginOfError!: number | null;
}

@ObjectType({ description: 'Kết quả phân tổ theo một chiều' })
export class SurveyBreakdown {
  @Field(() => SurveyDimensionEnum)
  dimension!: SurveyDimension;

  @Field(() => String)
  dimensionLabel!: string;

  @Field(() => [SurveyGroupResult], SIZED_BY_THE_SURVEY)
  groups!: SurveyGroupResult[];
}

@ObjectType()
export class SurveyQuestionResult {
  @Field(() => SurveyQuestion)
  question!: SurveyQuestion;

  @Field(() => SurveyGroupResult, { description: 'Every response in your scope' })
  overall!: SurveyGroupResult;

  @Field(() => [SurveyBreakdown], { ...SIZED_BY_THE_SURVEY, description: 'One per dimension asked for in `by`' })
  breakdowns!: SurveyBreakdown[];
}

@ObjectType({ description: 'Kết quả khảo sát' })
export class SurveyResults {
  @Field(() => Survey)
  survey!: Survey;

  @Field(() => Int, { description: 'Responses in your scope' })
  responses!: number;

  @Field(() => [SurveyQuestionResult], SIZED_BY_THE_SURVEY)
  questions!: SurveyQuestionResult[];
}

@ObjectType({ description: 'Một câu trả lời tự do' })
export class SurveyTextAnswer {
  @Field(() => ID)
  responseId!: string;

  @Field(() => Locality)
  locality!: Locality;

  @Field(() => String)
  text!: string;
}

@ObjectType({ description: 'Free-text answers matching a search, most similar first' })
export class SurveyTextAnswerPage {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [SurveyTextAnswer])
  answers!: SurveyTextAnswer[];
}

@ObjectType({ description: 'What openSurvey or closeSurvey did' })
export class SurveyPayload {
  @Field(() => ID)
  surveyId!: string;

  @Field(() => SurveyStatusEnum)
  status!: SurveyStatus;

  @Field(() => Int)
  responseCount!: number;

  @Field(() => String, { description: 'Global log position of the last event written (a bigint, as text)' })
  position!: string;

  @Field(() => Boolean, { description: 'True when the idempotency key was seen before: nothing new was written' })
  replayed!: boolean;

  @Field(() => Boolean, { description: 'Whether the read models had reached `position` before the answer' })
  readModelCurrent!: boolean;
}

@ObjectType({ description: 'What recording responses did' })
export class RecordSurveyResponsesPayload {
  @Field(() => ID)
  surveyId!: string;

  @Field(() => Int, { description: 'Responses written now' })
  recorded!: number;

  @Field(() => Int, { description: 'Responses recorded before with the same content (resubmissions): not written again' })
  resubmitted!: number;

  @Field(() => Int, { description: 'Responses the survey holds now' })
  responseCount!: number;

  @Field(() => String, { description: 'Global log position of the last event written (a bigint, as text)' })
  position!: string;

  @Field(() => Boolean, { description: 'True when the idempotency key was seen before: nothing new was written' })
  replayed!: boolean;

  @Field(() => Boolean, { description: 'Whether the read models had reached `position` before the answer' })
  readModelCurrent!: boolean;
}
