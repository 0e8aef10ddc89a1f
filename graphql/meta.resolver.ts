import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { labelled, ROLE_LABELS, VOCABULARIES, type Vocabulary as DomainVocabulary } from '../domain/vocabulary';
import type { GraphQLContext } from './context';
import { authorize } from './auth/policy';
import { Labelled, RoleEnum } from './vocabulary.type';

@ObjectType({ description: 'Người dùng đang đăng nhập: vai trò và phạm vi' })
export class Me {
  @Field(() => String)
  id!: string;

  @Field(() => RoleEnum)
  role!: string;

  @Field(() => String)
  roleLabel!: string;

  @Field(() => String, { description: 'Mã tỉnh của phạm vi' })
  provinceCode!: string;

  @Field(() => [String], { nullable: true, description: 'Các xã trong phạm vi; null = toàn tỉnh' })
  communeCodes!: string[] | null;

  @Field(() => String, { nullable: true, description: 'Cơ quan (vai trò AGENCY)' })
  agencyId!: string | null;
}

@ObjectType({ description: 'Một bảng mã của miền nghiệp vụ với nhãn tiếng Việt' })
export class Vocabulary {
  @Field(() => String)
  name!: string;

  @Field(() => [Labelled])
  values!: Labelled[];
}

@Resolver()
export class MetaResolver {
  @Query(() => Me, { description: 'The signed-in user, their role and scope' })
  me(@Ctx() ctx: GraphQLContext): Me {
    const user = authorize(ctx.user, 'me');
    return { ...user, roleLabel: ROLE_LABELS[user.role] };
  }

  @Query(() => [Labelled], { description: 'Lĩnh vực: every sector code with its Vietnamese label' })
  sectors(@Ctx() ctx: GraphQLContext): Labelled[] {
    authorize(ctx.user, 'sectors');
    return labelled(VOCABULARIES.sector);
  }

  @Query(() => [Vocabulary], { description: 'Every enumeration of the domain (sectors, channels, statuses…) with Vietnamese labels' })
  vocabularies(@Ctx() ctx: GraphQLContext): Vocabulary[] {
    authorize(ctx.user, 'vocabularies');
    return Object.entries(VOCABULARIES).map(([name, v]) => ({ name, values: labelled(v as DomainVocabulary<string>) }));
  }
}
