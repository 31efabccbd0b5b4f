/**
 * The article registry (articles.ts), the verbatim text (articles.generated.ts, from
 * shared/regulation-zh.txt), citations, the Art. 18/19 catalogue and rulesVersion.
 */
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ARTICLES,
  CATALOGUE,
  CITY_CODE,
  DEPARTMENTS,
  ENTITLEMENT_CODE,
  WEEKENDS_ONLY,
  citationKeyOf,
  citationLabel,
  cite,
  textOf,
  localCitation,
  rulesVersion,
  type CitationKey,
} from '../../src/law';
import { OFFICIAL_CALENDAR } from '../../src/calendar/official';

/** `../shared/<name>` beside the worktree, found by walking up (a mutation run copies the tree one level deeper). */
function sharedFile(name: string): string {
  for (let dir = path.resolve(__dirname, '../..'); ; dir = path.dirname(dir)) {
    const candidate = path.join(path.dirname(dir), 'shared', name);
    if (fs.existsSync(candidate)) return fs.readFileSync(candidate, 'utf8');
    if (path.dirname(dir) === dir) throw new Error(`shared/${name} not found above ${__dirname}`);
  }
}

const REGULATION = sharedFile('regulation-zh.txt');
const CONTRACT = sharedFile('contract.graphql');

/** The source text of each article, whitespace (incl. U+3000 and line breaks) removed, "第X条" dropped. */
function sourceArticles(): string[] {
  const body = REGULATION.replace(/\s|\u3000/g, '');
  return body.split(/第[一二三四五六七八九十]+条/).slice(1);
}

const noSpace = (s: string) => s.replace(/\s|\u3000/g, '');

describe('ARTICLES: the registry', () => {
  it('has the 24 articles, in order', () => {
    expect(ARTICLES.map((a) => a.no)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it.each(ARTICLES.map((a) => [a.no, a] as const))(
    'Art. %i is encoded somewhere or says why not',
    (_no, a) => {
      expect(a.titleEn.trim()).not.toBe('');
      if (a.encoding.encoded) {
        expect(a.encoding.where.length).toBeGreaterThan(0);
        for (const w of a.encoding.where) expect(w.trim()).not.toBe('');
      } else {
        expect(a.encoding.why.trim()).not.toBe('');
      }
    },
  );

  it('leaves exactly Art. 1, 3, 6, 7 unencoded (SPEC: purpose, government duties, cooperation, funding)', () => {
    expect(ARTICLES.filter((a) => !a.encoding.encoded).map((a) => a.no)).toEqual([1, 3, 6, 7]);
  });

  it('Art. 15 (no fees): the registry says the schema has no fee, and the contract indeed has none', () => {
    const art15 = ARTICLES[14];
    expect(art15.no).toBe(15);
    expect(art15.encoding.encoded).toBe(true);
    if (art15.encoding.encoded) expect(art15.encoding.where.join(' ')).toMatch(/no fee/);
    expect(CONTRACT).not.toMatch(/\b(fee|fees|charge|charges|price|cost)\b/i);
  });
});

describe('verbatim text (shared/regulation-zh.txt)', () => {
  const source = sourceArticles();

  it('the source has 24 articles', () => {
    expect(source).toHaveLength(24);
  });

  it.each(source.map((text, i) => [i + 1, text] as const))(
    'Art. %i as cited is the source text',
    (no, text) => {
      expect(noSpace(cite(String(no) as CitationKey).textZh)).toBe(text);
    },
  );

  it.each([
    // key,       exact text
    ['18.1.7', '子女义务教育阶段入学和中考；'],
    ['18.1.12', '市、县（市）人民政府规定的其他基本公共服务。'],
    ['19.1.6', '市、县（市）人民政府规定的其他便利。'],
    ['20.1.3', '非法扣押他人居住证的。'],
    [
      '21.2',
      '伪造、变造的居住证和骗领的居住证，由公安机关予以收缴。享受的相应权益、便利，有关部门可以依法撤销。',
    ],
    ['11', '县级公安机关或者受托机构应当自受理之日起十五个工作日内核发居住证。'],
    ['12', '居住证由市公安机关统一制发。'],
    ['24', '本办法自2016年2月15日起施行。'],
    // Art. 14 para 1 is broken over three lines in the source: cited as one sentence
    [
      '14.1',
      '居住证持证人居住地址由本市城市区变更到县（市）或者由县（市）变更到城市区的，应当到新居住地县级公安机关或者受托机构办理变更登记。',
    ],
    [
      '2.1',
      '公民离开户籍所在地，到本市城市区及所属县（市）连续居住六个月以上，符合有稳定就业、稳定住所、连续就读条件之一的，可以依照本办法的规定申领居住证。',
    ],
  ] as const)('cite(%j).textZh is %j', (key, text) => {
    expect(cite(key).textZh).toBe(text);
  });

  it.each([
    // key,   contains
    ['13', '自动失效'],
    ['13', '每满一年前一个月内'],
    ['14.2', '十五个工作日内核发'],
    ['20', '（三）非法扣押他人居住证的。'],
    ['20.1', '二百元以下罚款'],
    ['21.1', '二百元以上一千元以下罚款'],
    ['9', '当场人像采集'],
  ] as const)('cite(%j) contains %j', (key, fragment) => {
    expect(cite(key).textZh).toContain(fragment);
  });

  it.each([
    // article, its clauses numbered as the source numbers them
    [
      '18',
      [
        '（一）',
        '（二）',
        '（三）',
        '（四）',
        '（五）',
        '（六）',
        '（七）',
        '（八）',
        '（九）',
        '（十）',
        '（十一）',
        '（十二）',
      ],
    ],
    ['19', ['（一）', '（二）', '（三）', '（四）', '（五）', '（六）']],
    ['22', ['（一）', '（二）', '（三）', '（四）', '（五）']],
  ] as const)('the whole of Art. %s numbers its clauses %j', (key, numbers) => {
    const text = textOf(key);
    expect(text.match(/（[一二三四五六七八九十]+）/g)).toEqual(numbers);
  });

  it('a paragraph is cited with its clauses numbered as in the source', () => {
    expect(cite('20.1').textZh).toBe(cite('20').textZh);
    expect(cite('21.1').textZh).toBe(
      '有下列行为之一的，由公安机关处二百元以上一千元以下罚款，有违法所得的，没收违法所得：（一）冒用他人居住证或者使用骗领的居住证；（二）购买、出售、使用伪造、变造的居住证。',
    );
  });

  it('Art. 14 para 1 is one joined sentence: no line break or full-width space inside', () => {
    const t = cite('14.1').textZh;
    expect(t).not.toMatch(/[\s\u3000]/);
    expect(t.endsWith('办理变更登记。')).toBe(true);
  });
});

describe('citation shape', () => {
  it.each([
    // key,       article, paragraph, clause, label
    ['18.1.7', 18, null, 7, '第18条第7项'],
    ['19.1.6', 19, null, 6, '第19条第6项'],
    ['20.1.3', 20, null, 3, '第20条第3项'],
    ['21.2', 21, 2, null, '第21条第2款'],
    ['21.1.2', 21, 1, 2, '第21条第1款第2项'],
    ['14.1', 14, 1, null, '第14条第1款'],
    ['20.1', 20, null, null, '第20条'],
    ['24.1', 24, null, null, '第24条'],
    ['2.1', 2, 1, null, '第2条第1款'],
    ['13', 13, null, null, '第13条'],
    ['24', 24, null, null, '第24条'],
  ] as const)(
    'cite(%j) is article %i, paragraph %j, clause %j (%s)',
    (key, article, paragraph, clause, label) => {
      const c = cite(key);
      expect({ article: c.article, paragraph: c.paragraph, clause: c.clause }).toEqual({
        article,
        paragraph,
        clause,
      });
      expect(citationLabel(c)).toBe(label);
      expect(Object.isFrozen(c)).toBe(true);
    },
  );
});

describe('citationKeyOf: keys typed at run time', () => {
  it.each([
    // article, paragraph, clause, key
    [18, null, 7, '18.1.7'],
    [18, 1, 7, '18.1.7'],
    [20, null, 3, '20.1.3'],
    [21, null, 1, '21.1.1'],
    [21, 2, null, '21.2'],
    [13, null, null, '13'],
    [1, null, null, '1'],
    [24, 1, null, '24.1'],
  ] as const)('(%j, %j, %j) → %j', (article, paragraph, clause, key) => {
    expect(citationKeyOf(article, paragraph, clause)).toBe(key);
  });

  it.each([
    // article, paragraph, clause, why
    [25, null, null, 'no Art. 25'],
    [0, null, null, 'no Art. 0'],
    [-1, null, null, 'negative article'],
    [1.5, null, null, 'not an integer'],
    [18, null, 13, 'Art. 18 has 12 clauses'],
    [18, null, 0, 'no clause 0'],
    [20, null, 4, 'Art. 20 has 3 clauses'],
    [21, null, 3, 'Art. 21 has 2 clauses'],
    [21, 2, 1, 'Art. 21 para 2 has no clauses'],
    [21, 3, null, 'Art. 21 has 2 paragraphs'],
    [13, null, 1, 'Art. 13 has no clauses'],
    [14, 3, null, 'Art. 14 has 2 paragraphs'],
    [14, 0, null, 'no paragraph 0'],
    [18, null, 1.5, 'clause not an integer'],
  ] as [number, number | null, number | null, string][])(
    '(%j, %j, %j) is refused: %s',
    (article, paragraph, clause) => {
      expect(citationKeyOf(article, paragraph, clause)).toBeUndefined();
    },
  );
});

describe('CATALOGUE: Art. 18 and 19 entitlements (SPEC table)', () => {
  const TABLE = [
    // code,                                    art, clause, department,                             中文
    ['EMPLOYMENT_SERVICES', 18, 1, 'HUMAN_RESOURCES_AND_SOCIAL_SECURITY', '就业服务和投资优惠'],
    [
      'SKILLS_COMPETITIONS_AND_AWARDS',
      18,
      2,
      'HUMAN_RESOURCES_AND_SOCIAL_SECURITY',
      '劳动技能比赛和先进评比',
    ],
    ['PUBLIC_RENTAL_HOUSING', 18, 3, 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT', '公共租赁住房保障'],
    [
      'SOCIAL_INSURANCE_AND_HOUSING_FUND',
      18,
      4,
      'HUMAN_RESOURCES_AND_SOCIAL_SECURITY',
      '城乡居民社会保险和住房公积金相关业务',
    ],
    ['PUBLIC_HEALTH_SERVICES', 18, 5, 'HEALTH', '传染病防治、儿童计划免疫、妇幼保健等公共卫生服务'],
    ['FAMILY_PLANNING_SERVICES', 18, 6, 'HEALTH', '计划生育技术服务'],
    ['CHILD_EDUCATION_AND_ZHONGKAO', 18, 7, 'EDUCATION', '子女义务教育阶段入学和中考'],
    ['TRANSIT_CONCESSIONS_AND_TOURISM_PASS', 18, 8, 'TRANSPORT', '办理乘车优待手续，办理《洛阳市旅游年票》'],
    ['PUBLIC_CULTURE_AND_SPORTS', 18, 9, 'CULTURE_AND_TOURISM', '公共文化体育服务'],
    ['SOCIAL_ASSISTANCE_AND_FUNERAL_SUBSIDY', 18, 10, 'CIVIL_AFFAIRS', '社会救助待遇，基本殡葬服务补贴'],
    ['LEGAL_AID', 18, 11, 'JUSTICE', '法律援助和其他法律服务等'],
    ['MOTOR_VEHICLE_REGISTRATION', 19, 1, 'PUBLIC_SECURITY', '机动车登记'],
    ['DRIVING_LICENCE', 19, 2, 'PUBLIC_SECURITY', '申领机动车驾驶证'],
    ['EXIT_ENTRY_DOCUMENTS', 19, 3, 'PUBLIC_SECURITY', '按照国家有关规定办理出入境证件'],
    [
      'PROFESSIONAL_QUALIFICATIONS',
      19,
      4,
      'HUMAN_RESOURCES_AND_SOCIAL_SECURITY',
      '报名参加职业资格考试、申请授予职业资格',
    ],
    ['BIRTH_SERVICE_CERTIFICATE', 19, 5, 'HEALTH', '办理生育服务证'],
  ] as const;

  it('has the 16 items, in SPEC order', () => {
    expect(CATALOGUE.map((e) => e.code)).toEqual(TABLE.map((r) => r[0]));
  });

  it.each(TABLE)('%s: Art. %i(%i), %s, %s', (code, article, clause, department, nameZh) => {
    const e = CATALOGUE.find((x) => x.code === code)!;
    expect(e).toBeDefined();
    expect({
      article: e.citation.article,
      paragraph: e.citation.paragraph,
      clause: e.citation.clause,
    }).toEqual({ article, paragraph: null, clause });
    expect(e.department).toBe(department);
    expect(e.nameZh).toBe(nameZh);
    // the name is the clause text, less its closing punctuation
    expect(e.citation.textZh.replace(/[；。]$/, '')).toBe(nameZh);
    expect(e.kind).toBe(article === 18 ? 'PUBLIC_SERVICE' : 'CONVENIENCE');
    expect(e.regionCode).toBe(CITY_CODE);
    expect(e.effectiveFrom).toBe('2016-02-15');
    expect(e.effectiveUntil).toBeNull();
    expect(e.local).toBe(false);
    expect(e.nameEn.trim()).not.toBe('');
  });

  it.each([
    // kind,             article, clause
    ['PUBLIC_SERVICE', 18, 12],
    ['CONVENIENCE', 19, 6],
  ] as const)('a local %s cites Art. %i(%i)', (kind, article, clause) => {
    const c = localCitation(kind);
    expect([c.article, c.clause]).toEqual([article, clause]);
  });
});

describe("the departments (Art. 4, 6; the contract's Department enum)", () => {
  it('are the ten departments of the contract, and every catalogue item names one of them', () => {
    const contractEnum = /enum Department \{([^}]*)\}/.exec(CONTRACT)![1].trim().split(/\s+/);
    expect(DEPARTMENTS).toEqual([
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
    ]);
    expect(DEPARTMENTS).toEqual(contractEnum);
    for (const e of CATALOGUE) expect(DEPARTMENTS).toContain(e.department);
  });
});

describe("ENTITLEMENT_CODE: a local entitlement's code is an upper-case letter, then 2 to 63 upper-case letters, digits or _", () => {
  it.each([
    // code,                       valid, why
    ['XINAN_LIBRARY_CARD', true, ''],
    ['ABC', true, 'three characters, the shortest'],
    ['A' + 'B'.repeat(63), true, '64 characters, the longest'],
    ['AB', false, 'two characters'],
    ['A' + 'B'.repeat(64), false, '65 characters'],
    ['A12_3', true, 'digits and _ after the first letter'],
    ['1ABC', false, 'starts with a digit'],
    ['_ABC', false, 'starts with _'],
    ['ABc', false, 'a lower-case letter'],
    ['AB-C', false, 'a hyphen'],
    ['xABC', false, 'a lower-case letter in front'],
    ['ABC ', false, 'a trailing space'],
  ])('%j valid: %s %s', (code, valid) => {
    expect(ENTITLEMENT_CODE.test(code)).toBe(valid);
  });
});

describe('rulesVersion', () => {
  it('names the holiday calendar it used', () => {
    expect(OFFICIAL_CALENDAR.id).toMatch(/^chinese-days@\d+\.\d+\.\d+:2004-2026$/);
    expect(rulesVersion(OFFICIAL_CALENDAR)).toContain(OFFICIAL_CALENDAR.id);
    expect(rulesVersion(WEEKENDS_ONLY)).toContain('weekends-only');
    expect(rulesVersion(OFFICIAL_CALENDAR)).not.toBe(rulesVersion(WEEKENDS_ONLY));
  });

  it('is stable between calls', () => {
    expect(rulesVersion(OFFICIAL_CALENDAR)).toBe(rulesVersion(OFFICIAL_CALENDAR));
  });
});
