/** Deterministic demo people: citizen ID numbers with real check characters, plausible names. */
import { composeCitizenId } from '../src/law';

export const demoCitizenId = (regionCode: string, birth: string, seq: number): string =>
  composeCitizenId(regionCode, birth, seq);

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '晓东',
  '雪梅',
];

/** A small linear-congruential generator: the same demo data on every machine. */
export function prng(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

export function demoName(i: number): string {
  return SURNAMES[i % SURNAMES.length] + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length];
}

/** Household registrations outside Luoyang (I-1): Zhengzhou, Nanyang, Kaifeng, Xinyang, Shanxi, Shaanxi, Anhui. */
export const NON_LOCAL_HUKOU = ['410102', '411302', '410202', '411502', '140105', '610113', '340102'];
