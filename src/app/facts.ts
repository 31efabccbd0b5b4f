/**
 * Loading the facts the rules need, in bulk: a constant number of statements whatever the number
 * of holders (verifyEligibilityBatch and the per-request DataLoaders both use this).
 */
import {
  resolveRegionCode,
  permitStateOn,
  validityAfterEndorsement,
  d,
  type LocalDate,
  type PermitFacts,
  type PermitState,
  type Region,
  type WorkingCalendar,
} from '../law';
import type { ConfiscationRow, EndorsementRow, PermitRow, ResidenceChangeRow } from '../db/entities';
import { permitActs, permitRows } from '../db/permit-facts';
import type { Row, Target } from '../db/sql';

export interface PermitBundle {
  readonly permit: PermitRow;
  readonly endorsements: EndorsementRow[];
  readonly changes: ResidenceChangeRow[];
  readonly confiscation: ConfiscationRow | null;
  /** replacement cards issued (dates), for cardVersion */
  readonly replacementsIssued: LocalDate[];
}

const bool = (v: unknown) => v === true || v === 1 || v === '1' || v === 't';

/** Two statements: permits with their confiscation, then endorsements, moves and replacements together. */
export async function loadBundles(
  em: Target,
  by: { holderIds?: readonly number[]; permitIds?: readonly number[] },
): Promise<PermitBundle[]> {
  const ids = [...new Set(by.holderIds ?? by.permitIds ?? [])];
  if (ids.length === 0) return [];
  const prow = await permitRows(em, by.holderIds ? { holderIds: ids } : { permitIds: ids });
  if (prow.length === 0) return [];
  return bundlesFrom(
    prow,
    await permitActs(
      em,
      prow.map((r) => Number(r.id)),
    ),
  );
}

/** The bundles of permit rows (src/db/permit-facts.ts, by issue date) and the rows of their acts (by date). */
export function bundlesFrom(prow: readonly Row[], acts: readonly Row[]): PermitBundle[] {
  const bundles = prow.map((r) => ({
    permit: {
      id: Number(r.id),
      holderId: Number(r.holder_id),
      applicationId: Number(r.application_id),
      issuedOn: String(r.issued_on),
      issueMonthDay: String(r.issue_month_day),
      issuingAuthority: String(r.issuing_authority),
      regionCode: String(r.region_code),
      actor: String(r.actor),
      createdAt: String(r.created_at),
    },
    endorsements: [] as EndorsementRow[],
    changes: [] as ResidenceChangeRow[],
    confiscation:
      r.c_id == null
        ? null
        : {
            id: Number(r.c_id),
            permitId: Number(r.id),
            confiscatedOn: String(r.confiscated_on),
            reason: String(r.c_reason),
            actor: String(r.c_actor),
            createdAt: String(r.c_created_at),
          },
    replacementsIssued: [] as LocalDate[],
  }));
  const byId = new Map(bundles.map((b) => [b.permit.id, b]));
  for (const a of acts) {
    const b = byId.get(Number(a.permit_id))!;
    if (a.k === 'E') {
      b.endorsements.push({
        id: Number(a.id),
        permitId: b.permit.id,
        year: Number(a.n),
        endorsedOn: String(a.d1),
        actor: '',
        createdAt: '',
      });
    } else if (a.k === 'C') {
      b.changes.push({
        id: Number(a.id),
        permitId: b.permit.id,
        holderId: b.permit.holderId,
        fromRegionCode: String(a.r1),
        toRegionCode: String(a.r2),
        address: String(a.addr),
        changedOn: String(a.d1),
        changeRegistration: bool(a.flag),
        actor: '',
        createdAt: '',
      });
    } else {
      b.replacementsIssued.push(d(String(a.d1)));
    }
  }
  return bundles;
}

export function permitFacts(b: PermitBundle): PermitFacts {
  return {
    issuedOn: d(b.permit.issuedOn),
    endorsements: b.endorsements.map((e) => d(e.endorsedOn)),
    confiscatedOn: b.confiscation ? d(b.confiscation.confiscatedOn) : null,
  };
}

/** The district or county of the permit's residence on `asOf` (moves inside the urban area included). */
export function permitRegionOn(b: PermitBundle, asOf: LocalDate): Region {
  let code = b.permit.regionCode;
  for (const c of b.changes) if (c.changedOn <= asOf) code = c.toRegionCode;
  return resolveRegionCode(code)!;
}

export function cardVersionOn(b: PermitBundle, asOf: LocalDate): number {
  return 1 + b.replacementsIssued.filter((x) => x <= asOf).length;
}

/** SPEC: the permit that counts on `asOf` is the latest issued on or before it (else the first, not yet issued). */
export function permitThatCounts(bundles: readonly PermitBundle[], asOf: LocalDate): PermitBundle | null {
  let best: PermitBundle | null = null;
  for (const b of bundles) if (b.permit.issuedOn <= asOf) best = b;
  return best ?? bundles[0] ?? null;
}

export function stateOn(cal: WorkingCalendar, b: PermitBundle, asOf: LocalDate): PermitState {
  return permitStateOn(cal, permitFacts(b), asOf);
}

export interface EndorsementView {
  readonly endorsedOn: LocalDate;
  /** I-3, derived with the calendar in force (never stored) */
  readonly extendsValidityThrough: LocalDate;
  readonly provisional: boolean;
}

/** The permit's endorsements, each with the validity it gives (the end of the next year's window). */
export function endorsementsOf(cal: WorkingCalendar, b: PermitBundle): EndorsementView[] {
  return b.endorsements.map((e) => {
    const through = validityAfterEndorsement(cal, d(b.permit.issuedOn), e.year);
    return {
      endorsedOn: d(e.endorsedOn),
      extendsValidityThrough: through.date,
      provisional: through.provisional,
    };
  });
}
