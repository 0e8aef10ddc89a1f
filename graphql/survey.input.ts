import { Field, ID, InputType, Int } from 'type-graphql';
import type { AgeGroup, Gender, Occupation, QuestionKind, SurveyStatus } from '../domain/survey/vocabulary';
import { AgeGroupEnum, GenderEnum, OccupationEnum, QuestionKindEnum, SurveyStatusEnum } from './survey.type';

@InputType({ description: 'Phương án trả lời' })
export class SurveyChoiceOptionInput {
  @Field(() => String, { description: '1–64 letters, digits or . _ - (no "|": it separates multiple choices in CSV cells)' })
  value!: string;

  @Field(() => String)
  label!: string;
}

@InputType({ description: 'Câu hỏi khảo sát' })
export class SurveyQuestionInput {
  @Field(() => ID, { description: 'A letter, then letters, digits or _; it names the question’s CSV column' })
  questionId!: string;

  @Field(() => String)
  text!: string;

  @Field(() => QuestionKindEnum)
  kind!: QuestionKind;

  @Field(() => Boolean, { defaultValue: false })
  required!: boolean;

  @Field(() => [SurveyChoiceOptionInput], { nullable: true, description: 'SINGLE_CHOICE and MULTIPLE_CHOICE: 2 to 50 options' })
  options?: SurveyChoiceOptionInput[] | null;

  @Field(() => Int, { nullable: true, description: 'SCALE: the lowest point (e.g. 1)' })
  scaleMin?: number | null;

  @Field(() => Int, { nullable: true, description: 'SCALE: the highest point (e.g. 5), at most 100 above scaleMin' })
  scaleMax?: number | null;
}

@InputType({ description: 'Mở một cuộc khảo sát' })
export class OpenSurveyInput {
  @Field(() => ID, { nullable: true, description: 'Chosen by the server when absent' })
  surveyId?: string | null;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { description: 'Địa bàn: your province (every commune of it) and/or communes of it, in your scope' })
  targetLocalityCodes!: string[];

  @Field(() => [SurveyQuestionInput])
  questions!: SurveyQuestionInput[];

  @Field(() => String, { nullable: true, description: 'ISO-8601 instant: no responses before it' })
  opensAt?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 instant: no responses from it on' })
  closesAt?: string | null;
}

@InputType({ description: 'One answer: the field that matches the question’s kind' })
export class SurveyAnswerInput {
  @Field(() => ID)
  questionId!: string;

  @Field(() => String, { nullable: true, description: 'SINGLE_CHOICE: the option value' })
  choice?: string | null;

  @Field(() => [String], { nullable: true, description: 'MULTIPLE_CHOICE: option values' })
  choices?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'SCALE: a point of the scale' })
  scale?: number | null;

  @Field(() => String, { nullable: true, description: 'FREE_TEXT' })
  text?: string | null;
}

@InputType({ description: 'Thông tin nhân khẩu học (all optional)' })
export class SurveyDemographicsInput {
  @Field(() => AgeGroupEnum, { nullable: true })
  ageGroup?: AgeGroup | null;

  @Field(() => GenderEnum, { nullable: true })
  gender?: Gender | null;

  @Field(() => OccupationEnum, { nullable: true })
  occupation?: Occupation | null;
}

@InputType({ description: 'Một phiếu trả lời' })
export class SurveyResponseInput {
  @Field(() => ID, { description: 'Chosen by the sender; sending the same response again is recognised and not counted twice' })
  responseId!: string;

  @Field(() => String, { description: 'The respondent’s commune: a target of the survey, in your scope' })
  localityCode!: string;

  @Field(() => SurveyDemographicsInput, { nullable: true })
  demographics?: SurveyDemographicsInput | null;

  @Field(() => [SurveyAnswerInput])
  answers!: SurveyAnswerInput[];
}

@InputType()
export class RecordSurveyResponsesInput {
  @Field(() => ID)
  surveyId!: string;

  @Field(() => [SurveyResponseInput], { description: 'Up to 2,000 responses (one append); use `dlxh survey import` for larger files' })
  responses!: SurveyResponseInput[];
}

@InputType()
export class RecordSurveyResponseInput {
  @Field(() => ID)
  surveyId!: string;

  @Field(() => SurveyResponseInput)
  response!: SurveyResponseInput;
}

@InputType()
export class CloseSurveyInput {
  @Field(() => ID)
  surveyId!: string;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@InputType({ description: 'Bộ lọc danh sách khảo sát; always narrowed to your scope' })
export class SurveyFilterInput {
  @Field(() => SurveyStatusEnum, { nullable: true })
  status?: SurveyStatus | null;

  @Field(() => String, { nullable: true, description: 'Only surveys that take responses from this commune' })
  communeCode?: string | null;
}
