/**
 * Articles 18 and 19: the public services a valid holder shares with registered residents and the
 * conveniences. Codes are stable; items added under 18(12) and 19(6) by city and county
 * governments are local entitlements with a region and effective dates of their own.
 */
import { cite, type Citation, type CitationKey } from './articles';
import { IN_FORCE_FROM } from './in-force';
import { CITY_CODE } from './regions';
import type { LocalDate } from './date';

export type EntitlementKind = 'PUBLIC_SERVICE' | 'CONVENIENCE';

export type Department =
  | 'PUBLIC_SECURITY'
  | 'DEVELOPMENT_AND_REFORM'
  | 'HUMAN_RESOURCES_AND_SOCIAL_SECURITY'
  | 'HEALTH'
  | 'EDUCATION'
  | 'CIVIL_AFFAIRS'
  | 'JUSTICE'
  | 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT'
  | 'TRANSPORT'
  | 'CULTURE_AND_TOURISM';

export const DEPARTMENTS: readonly Department[] = [
  'PUBLIC_SECURITY',
  'DEVELOPMENT_AND_REFORM',
  'HUMAN_RESOURCES_AND_SOCIAL_SECURITY',
  'HEALTH',
  'EDUCATION',
  'CIVIL_AFFAIRS',
  'JUSTICE',
  'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
  'TRANSPORT',
  'CULTURE_AND_TOURISM',
];

export interface Entitlement {
  readonly code: string;
  readonly kind: EntitlementKind;
  readonly citation: Citation;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly department: Department;
  readonly regionCode: string;
  readonly effectiveFrom: LocalDate;
  readonly effectiveUntil: LocalDate | null;
  /** true for items added under 18(12) or 19(6) */
  readonly local: boolean;
}

export const CHILD_EDUCATION = 'CHILD_EDUCATION_AND_ZHONGKAO';

const item = (
  code: string,
  key: CitationKey,
  department: Department,
  nameZh: string,
  nameEn: string,
): Entitlement => ({
  code,
  kind: key.startsWith('18.') ? 'PUBLIC_SERVICE' : 'CONVENIENCE',
  citation: cite(key),
  nameZh,
  nameEn,
  department,
  regionCode: CITY_CODE,
  effectiveFrom: IN_FORCE_FROM,
  effectiveUntil: null,
  local: false,
});

/** The 16 items of SPEC's table, in article order. */
export const CATALOGUE: readonly Entitlement[] = [
  item(
    'EMPLOYMENT_SERVICES',
    '18.1.1',
    'HUMAN_RESOURCES_AND_SOCIAL_SECURITY',
    '就业服务和投资优惠',
    'Employment services and investment incentives',
  ),
  item(
    'SKILLS_COMPETITIONS_AND_AWARDS',
    '18.1.2',
    'HUMAN_RESOURCES_AND_SOCIAL_SECURITY',
    '劳动技能比赛和先进评比',
    'Skills competitions and merit awards',
  ),
  item(
    'PUBLIC_RENTAL_HOUSING',
    '18.1.3',
    'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
    '公共租赁住房保障',
    'Public rental housing',
  ),
  item(
    'SOCIAL_INSURANCE_AND_HOUSING_FUND',
    '18.1.4',
    'HUMAN_RESOURCES_AND_SOCIAL_SECURITY',
    '城乡居民社会保险和住房公积金相关业务',
    "Residents' social insurance and housing provident fund",
  ),
  item(
    'PUBLIC_HEALTH_SERVICES',
    '18.1.5',
    'HEALTH',
    '传染病防治、儿童计划免疫、妇幼保健等公共卫生服务',
    'Public health services (disease control, child immunisation, maternal and child health)',
  ),
  item(
    'FAMILY_PLANNING_SERVICES',
    '18.1.6',
    'HEALTH',
    '计划生育技术服务',
    'Family planning technical services',
  ),
  item(
    CHILD_EDUCATION,
    '18.1.7',
    'EDUCATION',
    '子女义务教育阶段入学和中考',
    "Children's compulsory-education enrolment and the zhongkao",
  ),
  item(
    'TRANSIT_CONCESSIONS_AND_TOURISM_PASS',
    '18.1.8',
    'TRANSPORT',
    '办理乘车优待手续，办理《洛阳市旅游年票》',
    'Transit concessions and the Luoyang annual tourism pass',
  ),
  item(
    'PUBLIC_CULTURE_AND_SPORTS',
    '18.1.9',
    'CULTURE_AND_TOURISM',
    '公共文化体育服务',
    'Public cultural and sports services',
  ),
  item(
    'SOCIAL_ASSISTANCE_AND_FUNERAL_SUBSIDY',
    '18.1.10',
    'CIVIL_AFFAIRS',
    '社会救助待遇，基本殡葬服务补贴',
    'Social assistance and basic funeral subsidy',
  ),
  item('LEGAL_AID', '18.1.11', 'JUSTICE', '法律援助和其他法律服务等', 'Legal aid and other legal services'),
  item('MOTOR_VEHICLE_REGISTRATION', '19.1.1', 'PUBLIC_SECURITY', '机动车登记', 'Motor vehicle registration'),
  item('DRIVING_LICENCE', '19.1.2', 'PUBLIC_SECURITY', '申领机动车驾驶证', 'Driving licence application'),
  item(
    'EXIT_ENTRY_DOCUMENTS',
    '19.1.3',
    'PUBLIC_SECURITY',
    '按照国家有关规定办理出入境证件',
    'Exit-entry documents',
  ),
  item(
    'PROFESSIONAL_QUALIFICATIONS',
    '19.1.4',
    'HUMAN_RESOURCES_AND_SOCIAL_SECURITY',
    '报名参加职业资格考试、申请授予职业资格',
    'Professional qualification examinations and awards',
  ),
  item('BIRTH_SERVICE_CERTIFICATE', '19.1.5', 'HEALTH', '办理生育服务证', 'Birth service certificate'),
];

/** Local additions cite 18(12) (public services) or 19(6) (conveniences). */
export function localCitation(kind: EntitlementKind): Citation {
  return kind === 'PUBLIC_SERVICE' ? cite('18.1.12') : cite('19.1.6');
}

/** Whether an entitlement exists on a day (effective dates inclusive). */
export function isInForceOn(e: Entitlement, day: LocalDate): boolean {
  return e.effectiveFrom <= day && (e.effectiveUntil === null || day <= e.effectiveUntil);
}

export const ENTITLEMENT_CODE = /^[A-Z][A-Z0-9_]{2,63}$/;
