import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { ForbiddenError } from '../domain/errors';
import { buildMonthlySynthesis } from '../services/reports/monthly-synthesis';
import { parseMonth, reportingCalendar } from '../services/reports/reporting-calendar';
import { synthesisDeps } from '../services/reports/synthesis-deps';
import type { AuthUser } from './auth/auth-user';
import { authorize } from './auth/policy';
import type { GraphQLContext } from './context';
import { toLocality } from './locality.type';
import { MonthlySynthesis } from './monthly-synthesis.type';
import { ReportingCalendar } from './reporting-calendar.type';

function ownProvince(user: AuthUser, province: string): void {
  if (province !== user.provinceCode) throw new ForbiddenError(`province ${province} is outside your scope`);
}

@Resolver()
export class MonthlySynthesisResolver {
  @Query(() => MonthlySynthesis, {
    description:
      'Báo cáo tổng hợp tình hình dư luận xã hội tháng: headline figures against the previous month, issues by sector and locality, verification, ' +
      'referrals and the >90% on-time KPI per agency, hot spots, surveys and collaborators, with forecasts and recommendations. ' +
      'OFFICER and LEADER with province scope; `dlxh report monthly` writes it as a document.',
  })
  async monthlySynthesis(
    @Ctx() ctx: GraphQLContext,
    @Arg('province', () => String, { description: 'Mã tỉnh (your own)' }) province: string,
    @Arg('month', () => String, { description: 'The month, YYYY-MM (Vietnamese calendar); not one still to come' }) month: string,
  ): Promise<MonthlySynthesis> {
    const user = authorize(ctx.user, 'monthlySynthesis');
    parseMonth(month, ['month']);
    ownProvince(user, province);
    if (user.communeCodes !== null) throw new ForbiddenError('the monthly synthesis covers the whole province: it needs province scope');
    return buildMonthlySynthesis(synthesisDeps(ctx.services.knex, ctx.services.catalogue), { provinceCode: province, month });
  }

  @Query(() => ReportingCalendar, {
    description:
      'Lịch báo cáo tổng hợp tháng: for each month, the synthesis due date (the 20th of the following month, Vietnamese time), whether it is due soon ' +
      'or overdue, and the days left. OFFICER and LEADER of the province.',
  })
  reportingCalendar(
    @Ctx() ctx: GraphQLContext,
    @Arg('province', () => String, { description: 'Mã tỉnh (your own)' }) province: string,
    @Arg('from', () => String, { nullable: true, description: 'First month, YYYY-MM; default: last month' }) from?: string | null,
    @Arg('months', () => Int, { nullable: true, description: 'How many months (1–24); default 3' }) months?: number | null,
  ): ReportingCalendar {
    const user = authorize(ctx.user, 'reportingCalendar');
    ownProvince(user, province);
    return { province: toLocality(ctx.services.catalogue, province), ...reportingCalendar(new Date(), { from, months }) };
  }
}
