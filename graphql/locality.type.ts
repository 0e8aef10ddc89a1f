import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ADMIN_UNIT_TYPE_LABELS, AdminUnitType } from '../domain/localities/admin-unit';
import type { LocalityCatalogue } from '../domain/localities/catalogue';

/** The catalogue's unit types as GraphQL enum values (TINH, THANH_PHO, XA, PHUONG, DAC_KHU). */
const TYPE_TO_ENUM: Readonly<Record<AdminUnitType, string>> = { tinh: 'TINH', 'thanh-pho': 'THANH_PHO', xa: 'XA', phuong: 'PHUONG', 'dac-khu': 'DAC_KHU' };

export const LocalityTypeEnum = Object.fromEntries(Object.values(TYPE_TO_ENUM).map((v) => [v, v])) as Record<string, string>;
registerEnumType(LocalityTypeEnum, {
  name: 'LocalityType',
  description: 'Loại đơn vị hành chính (từ 1/7/2025: tỉnh/thành phố → xã/phường/đặc khu)',
  valuesConfig: Object.fromEntries(Object.entries(TYPE_TO_ENUM).map(([type, value]) => [value, { description: ADMIN_UNIT_TYPE_LABELS[type as AdminUnitType] }])),
});

/** A province or a commune-level unit of the catalogue. */
@ObjectType({ description: 'Đơn vị hành chính: tỉnh/thành phố, hoặc xã/phường/đặc khu' })
export class Locality {
  @Field(() => String, { description: 'Mã (GSO): 2 chữ số cho tỉnh, 5 chữ số cho xã' })
  code!: string;

  @Field(() => String, { description: 'Tên, không kèm loại (e.g. "Xuân Hương - Đà Lạt"); the code when not in the catalogue' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Tên không dấu' })
  nameEn!: string | null;

  @Field(() => LocalityTypeEnum, { nullable: true, description: 'null when the code is not in the loaded catalogue' })
  type!: string | null;

  @Field(() => String, { nullable: true, description: 'Nhãn loại: Tỉnh, Thành phố, Xã, Phường, Đặc khu' })
  typeLabel!: string | null;

  @Field(() => String, { description: 'Tên đầy đủ, e.g. "Phường Xuân Hương - Đà Lạt"' })
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'Mã tỉnh; null for a province' })
  provinceCode!: string | null;

  @Field(() => Boolean, { description: 'Whether this is a province or centrally-run city' })
  isProvince!: boolean;
}

/** The GraphQL shape of a locality code; a code missing from the catalogue keeps its code as its name. */
export function toLocality(catalogue: LocalityCatalogue, code: string): Locality {
  const unit = catalogue.byCode(code);
  if (!unit) {
    return { code, name: code, nameEn: null, type: null, typeLabel: null, fullName: code, provinceCode: null, isProvince: code.length === 2 };
  }
  return {
    code: unit.code,
    name: unit.name,
    nameEn: unit.nameEn,
    type: TYPE_TO_ENUM[unit.type],
    typeLabel: ADMIN_UNIT_TYPE_LABELS[unit.type],
    fullName: catalogue.fullName(unit.code) ?? unit.name,
    provinceCode: unit.provinceCode,
    isProvince: unit.provinceCode === null,
  };
}
