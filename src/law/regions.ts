/**
 * Luoyang's administrative divisions (GB/T 2260) and the area rules built on them
 * (SPEC "Facts the rules need": Regions; I-1 Non-local; I-5 Areas; Art. 14 para 1).
 *
 * Pure: no I/O, no imports outside src/law.
 */

export type RegionKind = 'CITY' | 'URBAN_DISTRICT' | 'COUNTY';

export interface Region {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: RegionKind;
}

export const CITY_CODE = '410300';

function region(code: string, nameZh: string, nameEn: string, kind: RegionKind): Region {
  return Object.freeze({ code, nameZh, nameEn, kind });
}

export const REGIONS: readonly Region[] = Object.freeze([
  region(CITY_CODE, '洛阳市', 'Luoyang City', 'CITY'),
  // Urban districts (城市区): together they form one area (I-5).
  region('410302', '老城区', 'Laocheng District', 'URBAN_DISTRICT'),
  region('410303', '西工区', 'Xigong District', 'URBAN_DISTRICT'),
  region('410304', '瀍河回族区', 'Chanhe Hui District', 'URBAN_DISTRICT'),
  region('410305', '涧西区', 'Jianxi District', 'URBAN_DISTRICT'),
  region('410307', '偃师区', 'Yanshi District', 'URBAN_DISTRICT'),
  region('410308', '孟津区', 'Mengjin District', 'URBAN_DISTRICT'),
  region('410311', '洛龙区', 'Luolong District', 'URBAN_DISTRICT'),
  // Counties: each is an area of its own (I-5).
  region('410323', '新安县', "Xin'an County", 'COUNTY'),
  region('410324', '栾川县', 'Luanchuan County', 'COUNTY'),
  region('410325', '嵩县', 'Song County', 'COUNTY'),
  region('410326', '汝阳县', 'Ruyang County', 'COUNTY'),
  region('410327', '宜阳县', 'Yiyang County', 'COUNTY'),
  region('410328', '洛宁县', 'Luoning County', 'COUNTY'),
  region('410329', '伊川县', 'Yichuan County', 'COUNTY'),
]);

/**
 * Retired codes still found on older records, mapped to the current district.
 *
 * March 2021 (State Council approval of Luoyang's boundary adjustment, announced by the Henan
 * provincial government): county-level 偃师市 (410381) became 偃师区 (410307); 孟津县 (410322) and
 * 吉利区 (410306) were merged into the new 孟津区 (410308).
 */
export const REGION_CODE_HISTORY: Readonly<Record<string, string>> = Object.freeze({
  '410381': '410307', // 偃师市 → 偃师区
  '410322': '410308', // 孟津县 → 孟津区
  '410306': '410308', // 吉利区 → 孟津区
});

const BY_CODE: ReadonlyMap<string, Region> = new Map(REGIONS.map((r) => [r.code, r]));
const HISTORY: ReadonlyMap<string, string> = new Map(Object.entries(REGION_CODE_HISTORY));

/**
 * The current region for a current or retired Luoyang code; undefined for anything else (the maps
 * hold only the exact six-digit codes, so no other string finds anything).
 */
export function resolveRegionCode(code: string): Region | undefined {
  return BY_CODE.get(HISTORY.get(code) ?? code);
}

/** 'URBAN' for the urban area, a county's code for that county, 'CITY' for the city as a whole. */
export type Area = string;

/** I-5: the seven districts are one area ('URBAN'); each county is its own area (its code). */
export function areaOf(region: Region): Area {
  switch (region.kind) {
    case 'CITY':
      return 'CITY';
    case 'URBAN_DISTRICT':
      return 'URBAN';
    case 'COUNTY':
      return region.code;
  }
}

/**
 * I-5: an authority (a department's or office's region) covers a target region when the authority
 * is the city, or is that very district or county. A district office covers only its own district.
 */
export function covers(authority: Region, target: Region): boolean {
  return authority.kind === 'CITY' || authority.code === target.code;
}

/**
 * Art. 14 para 1: moving between the urban area and a county, or from one county to another, needs
 * change registration at the new region's office; moves inside the urban area (or inside one county)
 * only update the address. (The city itself is not a place of residence; it counts as an area of
 * its own here, so a move to or from it is treated as needing change registration.)
 */
export function isMoveRequiringChangeRegistration(from: Region, to: Region): boolean {
  return areaOf(from) !== areaOf(to);
}

/**
 * I-1: a household registration is local when its region code starts with 4103 (Luoyang city),
 * whatever district or county it names, current or retired.
 */
export function isLocalHukou(hukouRegionCode: string): boolean {
  return typeof hukouRegionCode === 'string' && /^4103[0-9]{2}$/.test(hukouRegionCode);
}

/** GB/T 2260 province-level prefixes (incl. 71 Taiwan, 81 Hong Kong, 82 Macao). */
const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** Exactly six ASCII digits whose first two are a real province-level code. */
export function isValidHukouRegionCode(code: string): boolean {
  return typeof code === 'string' && /^[0-9]{6}$/.test(code) && PROVINCE_PREFIXES.has(code.slice(0, 2));
}

/**
 * The codes, current and retired, that a record may carry for a region the authority covers (I-5):
 * null when it covers every region (the city), so a list can be filtered by code in the register.
 */
export function codesCoveredBy(authority: Region): readonly string[] | null {
  if (authority.kind === 'CITY') return null;
  return [
    authority.code,
    ...Object.entries(REGION_CODE_HISTORY)
      .filter(([, to]) => to === authority.code)
      .map(([from]) => from),
  ];
}
