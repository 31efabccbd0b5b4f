/**
 * The demo callers (development only): one of each kind of office in the demo data, and the demo
 * holder. `npm start` prints their tokens; the console's sign-in page offers them
 * (GET /console/config.json). Never served, printed or accepted with NODE_ENV=production: tokens
 * carry `demo: true`, which src/app/auth.ts refuses in production.
 */
import { signToken, type AuthConfig, type TokenClaims } from './auth';

export interface DemoCaller {
  /** stable id, used by the console and the tests */
  readonly id: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly claims: Omit<TokenClaims, 'demo'>;
}

export const DEMO_CALLERS: readonly DemoCaller[] = [
  {
    id: 'school-jianxi',
    labelZh: '学校（涧西区教育局）',
    labelEn: 'School (Education, Jianxi district)',
    claims: {
      sub: 'demo:school-jianxi',
      role: 'DEPARTMENT',
      region: '410305',
      department: 'EDUCATION',
      scope: 'CHILD_EDUCATION_AND_ZHONGKAO',
    },
  },
  {
    id: 'housing-city',
    labelZh: '市住房和城乡建设局',
    labelEn: 'Housing bureau (city)',
    claims: {
      sub: 'demo:housing-city',
      role: 'DEPARTMENT',
      region: '410300',
      department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
      scope: 'PUBLIC_RENTAL_HOUSING',
    },
  },
  {
    id: 'transit-xigong',
    labelZh: '公交卡办理点（西工区）',
    labelEn: 'Transit card office (Xigong district)',
    claims: {
      sub: 'demo:transit-xigong',
      role: 'DEPARTMENT',
      region: '410303',
      department: 'TRANSPORT',
      scope: 'TRANSIT_CONCESSIONS_AND_TOURISM_PASS',
    },
  },
  {
    id: 'psb-city',
    labelZh: '市公安局',
    labelEn: 'Public security (city bureau)',
    claims: { sub: 'demo:psb-city', role: 'PUBLIC_SECURITY', region: '410300' },
  },
  {
    id: 'agency-luolong',
    labelZh: '街道办事处（洛龙区，受委托）',
    labelEn: 'Street office (Luolong district, delegated)',
    claims: { sub: 'demo:agency-luolong', role: 'DELEGATED_AGENCY', region: '410311' },
  },
  {
    id: 'auditor',
    labelZh: '监督部门（审计）',
    labelEn: 'Auditor',
    claims: { sub: 'demo:auditor', role: 'AUDITOR', region: '410300' },
  },
  {
    id: 'city-government',
    labelZh: '市人民政府（管理）',
    labelEn: 'City government (admin)',
    claims: { sub: 'demo:city-government', role: 'ADMIN', region: '410300' },
  },
];

/** A caller's demo token (12 h), `demo: true`. */
export function demoToken(auth: AuthConfig, caller: DemoCaller): Promise<string> {
  return signToken(auth, { ...caller.claims, demo: true });
}

/** The holder as a caller: 郭伟 (valid permit in 涧西区, a school-age child); citizenIdNumber from the demo data. */
export function demoHolderClaims(citizenIdNumber: string): TokenClaims {
  return { sub: 'demo:holder-guo', role: 'HOLDER', citizenIdNumber, demo: true };
}

/**
 * The demo holder as the console's sign-in offers it (development only, like every demo caller):
 * 郭伟, whose ID number the demo data gives (seeds/demo.ts demoPeople()).
 */
export function demoHolderCaller(citizenIdNumber: string): DemoCaller {
  const { demo: _demo, ...claims } = demoHolderClaims(citizenIdNumber);
  return {
    id: 'holder-guo',
    labelZh: '持证人（郭伟，涧西区）',
    labelEn: 'Holder (Guo Wei, Jianxi district)',
    claims,
  };
}
