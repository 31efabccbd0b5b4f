import { describe, it, expect } from 'vitest';
import {
  CITY_CODE,
  REGIONS,
  REGION_CODE_HISTORY,
  areaOf,
  covers,
  isLocalHukou,
  isMoveRequiringChangeRegistration,
  isValidHukouRegionCode,
  resolveRegionCode,
  type Region,
} from '../../src/law/regions';

function r(code: string): Region {
  const region = resolveRegionCode(code);
  if (!region) throw new Error(`no region ${code}`);
  return region;
}

describe('REGIONS', () => {
  it.each([
    ['410300', '洛阳市', 'Luoyang City', 'CITY'],
    ['410302', '老城区', 'Laocheng District', 'URBAN_DISTRICT'],
    ['410303', '西工区', 'Xigong District', 'URBAN_DISTRICT'],
    ['410304', '瀍河回族区', 'Chanhe Hui District', 'URBAN_DISTRICT'],
    ['410305', '涧西区', 'Jianxi District', 'URBAN_DISTRICT'],
    ['410307', '偃师区', 'Yanshi District', 'URBAN_DISTRICT'],
    ['410308', '孟津区', 'Mengjin District', 'URBAN_DISTRICT'],
    ['410311', '洛龙区', 'Luolong District', 'URBAN_DISTRICT'],
    ['410323', '新安县', "Xin'an County", 'COUNTY'],
    ['410324', '栾川县', 'Luanchuan County', 'COUNTY'],
    ['410325', '嵩县', 'Song County', 'COUNTY'],
    ['410326', '汝阳县', 'Ruyang County', 'COUNTY'],
    ['410327', '宜阳县', 'Yiyang County', 'COUNTY'],
    ['410328', '洛宁县', 'Luoning County', 'COUNTY'],
    ['410329', '伊川县', 'Yichuan County', 'COUNTY'],
  ])('%s is %s (%s), %s', (code, nameZh, nameEn, kind) => {
    expect(resolveRegionCode(code)).toEqual({ code, nameZh, nameEn, kind });
  });

  it('has the city, seven districts and seven counties, codes unique', () => {
    expect(REGIONS).toHaveLength(15);
    expect(REGIONS.filter((x) => x.kind === 'CITY').map((x) => x.code)).toEqual([CITY_CODE]);
    expect(REGIONS.filter((x) => x.kind === 'URBAN_DISTRICT')).toHaveLength(7);
    expect(REGIONS.filter((x) => x.kind === 'COUNTY')).toHaveLength(7);
    expect(new Set(REGIONS.map((x) => x.code)).size).toBe(15);
  });
});

describe('retired codes (March 2021)', () => {
  it.each([
    ['410381', '410307', '偃师区'],
    ['410322', '410308', '孟津区'],
    ['410306', '410308', '孟津区'],
  ])('%s resolves to %s %s', (old, current, nameZh) => {
    expect(REGION_CODE_HISTORY[old]).toBe(current);
    const region = resolveRegionCode(old);
    expect(region?.code).toBe(current);
    expect(region?.nameZh).toBe(nameZh);
    expect(region?.kind).toBe('URBAN_DISTRICT');
  });

  it.each([
    '410100',
    '110105',
    '410301',
    '4103',
    '4103020',
    '',
    ' 410302',
    'abcdef',
    '４１０３０２',
    'constructor',
  ])('%j resolves to nothing', (code) => {
    expect(resolveRegionCode(code)).toBeUndefined();
  });
});

describe('areas (I-5)', () => {
  it.each([
    ['410300', 'CITY'],
    ['410302', 'URBAN'],
    ['410307', 'URBAN'],
    ['410381', 'URBAN'],
    ['410323', '410323'],
    ['410329', '410329'],
  ])('area of %s is %s', (code, area) => {
    expect(areaOf(r(code))).toBe(area);
  });
});

describe('covers (I-5)', () => {
  it.each([
    // authority, target, covers?
    ['410300', '410302', true], // city covers a district
    ['410300', '410325', true], // city covers a county
    ['410300', '410300', true],
    ['410302', '410302', true], // district covers itself
    ['410302', '410303', false], // ...not another district in the urban area
    ['410302', '410323', false], // ...nor a county
    ['410302', '410300', false], // ...nor the city
    ['410323', '410323', true], // county covers itself
    ['410323', '410324', false], // ...not another county
    ['410323', '410305', false], // ...nor a district
  ])('%s covers %s: %s', (authority, target, expected) => {
    expect(covers(r(authority), r(target))).toBe(expected);
  });

  it('the city covers every region, and every region covers itself', () => {
    for (const target of REGIONS) {
      expect(covers(r(CITY_CODE), target)).toBe(true);
      expect(covers(target, target)).toBe(true);
    }
  });
});

describe('change registration on moving (Art. 14 para 1)', () => {
  it.each([
    // from, to, needs change registration?, case
    ['410302', '410303', false, 'district → district'],
    ['410302', '410302', false, 'same district'],
    ['410311', '410381', false, 'district → retired 偃师市 code (now a district)'],
    ['410302', '410323', true, 'district → county'],
    ['410323', '410302', true, 'county → district'],
    ['410323', '410324', true, 'county → other county'],
    ['410323', '410323', false, 'same county'],
  ])('%s → %s: %s (%s)', (from, to, expected) => {
    expect(isMoveRequiringChangeRegistration(r(from), r(to))).toBe(expected);
  });
});

describe('local household registration (I-1)', () => {
  it.each([
    ['410302', true, '老城区'],
    ['410329', true, '伊川县'],
    ['410300', true, 'the city itself'],
    ['410381', true, 'retired 偃师市 code'],
    ['410322', true, 'retired 孟津县 code'],
    ['110105', false, 'Beijing Chaoyang'],
    ['410100', false, 'Zhengzhou'],
    ['410102', false, 'Zhengzhou district'],
    ['41030', false, 'too short'],
    ['4103021', false, 'too long'],
    ['', false, 'empty'],
  ])('%j local: %s (%s)', (code, expected) => {
    expect(isLocalHukou(code)).toBe(expected);
  });
});

describe('isValidHukouRegionCode', () => {
  it.each([
    ['410302', true],
    ['110105', true],
    ['650102', true],
    ['710000', true],
    ['810000', true],
    ['820000', true],
    ['100000', false],
    ['990105', false],
    ['000000', false],
    ['41030', false],
    ['41030a', false],
    ['４１０３０２', false],
  ])('%j: %s', (code, expected) => {
    expect(isValidHukouRegionCode(code)).toBe(expected);
  });
});

describe('GB/T 2260: the 34 province-level divisions are the first two digits of a household registration', () => {
  const PROVINCES = [
    // prefix, province
    ['11', '北京市'],
    ['12', '天津市'],
    ['13', '河北省'],
    ['14', '山西省'],
    ['15', '内蒙古自治区'],
    ['21', '辽宁省'],
    ['22', '吉林省'],
    ['23', '黑龙江省'],
    ['31', '上海市'],
    ['32', '江苏省'],
    ['33', '浙江省'],
    ['34', '安徽省'],
    ['35', '福建省'],
    ['36', '江西省'],
    ['37', '山东省'],
    ['41', '河南省'],
    ['42', '湖北省'],
    ['43', '湖南省'],
    ['44', '广东省'],
    ['45', '广西壮族自治区'],
    ['46', '海南省'],
    ['50', '重庆市'],
    ['51', '四川省'],
    ['52', '贵州省'],
    ['53', '云南省'],
    ['54', '西藏自治区'],
    ['61', '陕西省'],
    ['62', '甘肃省'],
    ['63', '青海省'],
    ['64', '宁夏回族自治区'],
    ['65', '新疆维吾尔自治区'],
    ['71', '台湾省'],
    ['81', '香港特别行政区'],
    ['82', '澳门特别行政区'],
  ] as const;

  it('lists 34 divisions', () => {
    expect(PROVINCES).toHaveLength(34);
  });

  it.each(PROVINCES)('%s0000 (%s) and a code under it are valid', (prefix) => {
    expect(isValidHukouRegionCode(`${prefix}0000`)).toBe(true);
    expect(isValidHukouRegionCode(`${prefix}0102`)).toBe(true);
  });

  it('no other two-digit prefix is a province (00–10, 16–20, 24–30, 38–40, 47–49, 55–60, 66–70, 72–80, 83–99)', () => {
    const provinces = new Set<string>(PROVINCES.map(([p]) => p));
    for (let n = 0; n < 100; n += 1) {
      const prefix = String(n).padStart(2, '0');
      expect([prefix, isValidHukouRegionCode(`${prefix}0102`)]).toEqual([prefix, provinces.has(prefix)]);
    }
  });

  it('a number is not a code (only strings come in from the API and the database)', () => {
    expect(isValidHukouRegionCode(410302 as unknown as string)).toBe(false);
    expect(isLocalHukou(410302 as unknown as string)).toBe(false);
  });

  it.each([
    // code,        why
    ['4103020', 'seven digits'],
    ['410302\n', 'a trailing line break'],
    [' 410302', 'a leading space'],
  ])('%j is not a region code (%s)', (code) => {
    expect(isValidHukouRegionCode(code)).toBe(false);
  });
});

describe('I-1: only a code that is exactly 4103 and two digits is local', () => {
  it.each([
    // code,        local, why
    ['1410302', false, 'seven digits that end in 410302'],
    ['41030211', false, 'eight digits that start with 410302'],
    ['x410302', false, 'a letter before 410302'],
    ['410302\n', false, 'a trailing line break'],
    ['41030a', false, 'a letter in the last place'],
    ['410399', true, 'any two digits after 4103'],
  ])('%j local: %s (%s)', (code, local) => {
    expect(isLocalHukou(code)).toBe(local);
  });
});
