/**
 * The demo set for the embedded default: a few hundred holders across districts and counties in
 * every state — valid, in their endorsement window, lapsed, confiscated, moved to a county, with
 * school-age children, with a replaced card, registered only, and with an overdue application.
 * Built through the same use cases as real acts (so every row has its audit entry), dated
 * relative to today so the states hold whenever the gateway is started. Runs once: skipped when
 * the register already has holders.
 */
import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { Holder } from '../src/db/entities';
import {
  addDays,
  addMonths,
  addYears,
  endorsementWindow,
  REGIONS,
  resolveRegionCode,
  todayInShanghai,
  type LocalDate,
} from '../src/law';
import type { Caller } from '../src/app/caller';
import type { Deps, Scope } from '../src/app/scope';
import * as wf from '../src/app/workflow';
import { demoCitizenId, demoName, NON_LOCAL_HUKOU } from './people';

export const DEMO_HOLDERS = 300;

export type DemoState =
  | 'VALID'
  | 'IN_WINDOW'
  | 'LAPSED'
  | 'CONFISCATED'
  | 'MOVED_TO_COUNTY'
  | 'WITH_CHILDREN'
  | 'REPLACED_CARD'
  | 'REGISTERED_ONLY'
  | 'OVERDUE_APPLICATION';

export function demoStateOf(i: number): DemoState {
  const c = i % 10;
  if (c <= 2) return 'VALID';
  return (
    (['IN_WINDOW', 'LAPSED', 'CONFISCATED', 'MOVED_TO_COUNTY', 'WITH_CHILDREN', 'REPLACED_CARD'] as const)[
      c - 3
    ] ?? (i % 20 === 9 ? 'REGISTERED_ONLY' : 'OVERDUE_APPLICATION')
  );
}

export interface DemoPerson {
  citizenIdNumber: string;
  name: string;
  regionCode: string;
  state: DemoState;
  children: { citizenIdNumber: string; name: string }[];
}

const DISTRICTS = REGIONS.filter((r) => r.kind === 'URBAN_DISTRICT');
const COUNTIES = REGIONS.filter((r) => r.kind === 'COUNTY');

/** The demo people, deterministic: the README's worked queries use the first ones. */
export function demoPeople(): DemoPerson[] {
  return Array.from({ length: DEMO_HOLDERS }, (_, i) => {
    const state = demoStateOf(i);
    const region =
      i % 4 === 3 && state !== 'MOVED_TO_COUNTY'
        ? COUNTIES[i % COUNTIES.length]
        : DISTRICTS[i % DISTRICTS.length];
    const birth = `${1975 + (i % 25)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const citizenIdNumber = demoCitizenId(NON_LOCAL_HUKOU[i % NON_LOCAL_HUKOU.length], birth, 100 + i);
    const children =
      state === 'WITH_CHILDREN'
        ? [
            {
              citizenIdNumber: demoCitizenId('410102', `2014-0${1 + (i % 9)}-1${i % 10}`, 200 + i),
              name: `${demoName(i).slice(0, 1)}小明`,
            },
            {
              citizenIdNumber: demoCitizenId('410102', `2007-0${1 + (i % 9)}-1${i % 10}`, 300 + i),
              name: `${demoName(i).slice(0, 1)}小红`,
            },
          ]
        : [];
    return { citizenIdNumber, name: demoName(i), regionCode: region.code, state, children };
  });
}

export async function seedDemo(orm: MikroORM, deps: Deps, logger?: Logger): Promise<void> {
  const em0 = orm.em.fork();
  if ((await em0.count(Holder, {})) > 0) return;
  const T = todayInShanghai(deps.clock);
  const caller: Caller = {
    sub: 'seed:demo',
    role: 'PUBLIC_SECURITY',
    region: resolveRegionCode('410300')!,
    department: null,
    scope: new Set(),
  };
  const started = Date.now();
  const people = demoPeople();
  // One transaction for the whole set (each act a savepoint in it): a failure part-way leaves no
  // half-seeded register behind for the next start to mistake for a seeded one.
  await orm.em.fork().transactional(async (tem) => {
    const scope = (): Scope => ({ em: tem, caller, deps });
    for (const [i, p] of people.entries()) {
      const inWindow = p.state === 'IN_WINDOW';
      const issuedOn: LocalDate = inWindow
        ? addDays(addYears(T, -1), 12)
        : p.state === 'LAPSED'
          ? addMonths(T, -27)
          : addDays(addMonths(T, -40), i % 60);
      const appliedOn = addDays(issuedOn, -6);
      const registeredOn = p.state === 'REGISTERED_ONLY' ? addMonths(T, -2) : addMonths(appliedOn, -7);
      await wf.registerResidence(scope(), {
        citizenIdNumber: p.citizenIdNumber,
        name: p.name,
        hukouRegionCode: p.citizenIdNumber.slice(0, 6),
        hukouAddress: '户籍地址（演示）',
        residenceRegionCode: p.regionCode,
        residenceAddress: `${resolveRegionCode(p.regionCode)!.nameZh}演示路${i + 1}号`,
        basis: [i % 3 === 0 ? 'STABLE_EMPLOYMENT' : i % 3 === 1 ? 'STABLE_RESIDENCE' : 'CONTINUOUS_STUDY'],
        proofKind: i % 3 === 0 ? '劳动合同' : i % 3 === 1 ? '房屋租赁合同' : '在读证明',
        proofReference: `DEMO-${1000 + i}`,
        portraitCaptured: true,
        registeredOn,
      });
      if (p.state === 'REGISTERED_ONLY') continue;
      if (p.state === 'OVERDUE_APPLICATION') {
        await wf.applyForPermit(scope(), { citizenIdNumber: p.citizenIdNumber, appliedOn: addDays(T, -30) });
        continue;
      }
      const app = await wf.applyForPermit(scope(), { citizenIdNumber: p.citizenIdNumber, appliedOn });
      const bundle = await wf.issuePermit(scope(), String(app.id), issuedOn);
      const permitId = String(bundle.permit.id);
      if (p.state !== 'LAPSED' && !inWindow) {
        for (let k = 1; ; k += 1) {
          const w = endorsementWindow(deps.calendar, issuedOn, k);
          const on = addDays(w.from, 3 + (i % 5));
          if (on > T || on > w.to) break;
          await wf.endorsePermit(scope(), permitId, on);
        }
      }
      if (p.state === 'CONFISCATED')
        await wf.confiscatePermit(
          scope(),
          permitId,
          '骗领的居住证（第二十一条第一款第一项）',
          addDays(T, -20),
        );
      if (p.state === 'MOVED_TO_COUNTY') {
        const county = COUNTIES[i % COUNTIES.length];
        await wf.changeResidence(scope(), {
          permitId,
          residenceRegionCode: county.code,
          residenceAddress: `${county.nameZh}演示街${i}号`,
          changedOn: addDays(T, -60),
        });
      }
      if (p.state === 'REPLACED_CARD') {
        const req = await wf.reportPermitLoss(scope(), permitId, i % 2 ? 'LOST' : 'DAMAGED', addDays(T, -40));
        await wf.issueReplacement(scope(), String(req.id), addDays(T, -33));
      }
      for (const c of p.children)
        await wf.addDependent(scope(), {
          holderCitizenIdNumber: p.citizenIdNumber,
          citizenIdNumber: c.citizenIdNumber,
          name: c.name,
        });
      tem.clear(); // keep the unit of work small: each flush looks at every managed entity
    }
  });
  logger?.info({ holders: people.length, ms: Date.now() - started }, 'demo data seeded');
}
