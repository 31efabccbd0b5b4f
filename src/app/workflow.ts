/**
 * The permit workflow (Articles 8–14, 18(12)/19(6), 20–21) as use cases: load the facts, ask
 * src/law, persist the act as a new row, audit. Each runs in one transaction.
 */
import type { EntityManager } from '@mikro-orm/core';
import {
  ISSUING_AUTHORITY,
  CATALOGUE,
  ENTITLEMENT_CODE,
  covers,
  decideApplication,
  decideEndorsement,
  decideRegistration,
  isMoveRequiringChangeRegistration,
  localCitation,
  maskCitizenId,
  namesMatch,
  normalizeName,
  parseCitizenId,
  replacementDeadline,
  resolveRegionCode,
  validateName,
  validatePenalty,
  d,
  isDateError,
  parseLocalDate,
  type LocalDate,
  type Reason,
  type ResidenceBasis,
  type Region,
  type Department,
  DEPARTMENTS,
  isValidHukouRegionCode,
  cite,
  violation,
  issueDeadline,
  monthDay,
  type CitationKey,
  type WorkingCalendar,
} from '../law';
import {
  Application,
  Confiscation,
  Dependent,
  Endorsement,
  EntitlementEntity,
  Holder,
  Permit,
  Replacement,
  ReplacementIssue,
  ResidenceChange,
  ResidenceRecord,
  Violation,
  type ApplicationRow,
  type DependentRow,
  type EntitlementRow,
  type HolderRow,
  type ReplacementRow,
  type ResidenceRecordRow,
  type ViolationRow,
} from '../db/entities';
import { loadReasons, storeReasons } from '../db/reasons';
import { badInput, conflict, forbidden, notFound, ruleViolation } from './errors';
import { officeRegion } from './caller';
import {
  loadBundles,
  permitFacts,
  permitRegionOn,
  permitThatCounts,
  stateOn,
  type PermitBundle,
} from './facts';
import { actDate, inTransaction, numericId, region, requireRegion, today, type Scope } from './scope';

const BASES: readonly ResidenceBasis[] = ['STABLE_EMPLOYMENT', 'STABLE_RESIDENCE', 'CONTINUOUS_STUDY'];
const stamp = (s: Scope) => new Date(s.deps.clock()).toISOString();

export function citizenId(s: Scope, input: string, field: string) {
  const r = parseCitizenId(input, today(s));
  if (!r.ok) throw badInput(`${field}: ${r.error.messageEn}`, { field, problem: r.error.problem });
  return r;
}

function personName(input: string, field: string): string {
  const r = validateName(input);
  if (!r.ok) throw badInput(`${field}: ${r.error.messageEn}`, { field });
  return r.value;
}

function text(input: string, field: string, max: number, required = true): string {
  const t = input.normalize('NFC').trim();
  if (required && t === '') throw badInput(`${field}: must not be empty`, { field });
  if ([...t].length > max) throw badInput(`${field}: longer than ${max} characters`, { field });
  if ([...t].some((c) => c.codePointAt(0)! < 0x20 || c === '\u007f'))
    throw badInput(`${field}: contains control characters`, { field });
  return t;
}

function bases(input: readonly string[]): ResidenceBasis[] {
  const out = [...new Set(input)] as ResidenceBasis[];
  for (const b of out)
    if (!BASES.includes(b))
      throw badInput(`basis: unknown basis ${String(b).slice(0, 20)}`, { field: 'basis' });
  return out;
}

export interface HolderView extends HolderRow {
  residenceRegion: Region;
  residenceAddress: string;
}

/** The holder's residence now: the latest registration, correction or move. */
export async function currentResidence(em: EntityManager, holderId: number): Promise<ResidenceRecordRow> {
  const [r] = await em.find(
    ResidenceRecord,
    { holderId },
    { orderBy: { effectiveOn: 'desc', id: 'desc' }, limit: 1 },
  );
  return r;
}

export async function holderByCitizenId(em: EntityManager, id: string): Promise<HolderRow | null> {
  return em.findOne(Holder, { citizenIdNumber: id });
}

export interface RegistrationView {
  id: number;
  holderId: number;
  registeredOn: LocalDate;
  region: Region;
  basis: ResidenceBasis[];
  eligibleToApplyOn: LocalDate;
}

/** Articles 8–9. */
export async function registerResidence(
  s: Scope,
  input: {
    citizenIdNumber: string;
    name: string;
    hukouRegionCode: string;
    hukouAddress: string;
    residenceRegionCode: string;
    residenceAddress: string;
    basis: string[];
    proofKind: string;
    proofReference: string;
    portraitCaptured: boolean;
    registeredOn?: string | null;
  },
): Promise<RegistrationView> {
  const id = citizenId(s, input.citizenIdNumber, 'citizenIdNumber');
  const name = personName(input.name, 'name');
  if (!isValidHukouRegionCode(input.hukouRegionCode))
    throw badInput('hukouRegionCode: not a GB/T 2260 region code', { field: 'hukouRegionCode' });
  const hukouAddress = text(input.hukouAddress, 'hukouAddress', 256);
  const residence = region(input.residenceRegionCode, 'residenceRegionCode');
  if (residence.kind === 'CITY')
    throw badInput('residenceRegionCode: name the district or county of the residence', {
      field: 'residenceRegionCode',
    });
  const address = text(input.residenceAddress, 'residenceAddress', 256);
  const proofKind = text(input.proofKind, 'proofKind', 64, false);
  const proofReference = text(input.proofReference, 'proofReference', 128, false);
  const basis = bases(input.basis);
  const registeredOn = actDate(s, input.registeredOn, 'registeredOn');
  requireRegion(s, residence, 'registerResidence (Art. 8: the office of the place of residence)');

  return inTransaction(s, { action: 'REGISTER_RESIDENCE', subject: maskCitizenId(id.value) }, async (em) => {
    const decision = decideRegistration({
      registeredOn,
      basis,
      proofKind,
      proofReference,
      portraitCaptured: input.portraitCaptured,
    });
    if (!decision.ok) throw ruleViolation(decision.error);
    let holder = await holderByCitizenId(em, id.value);
    if (holder && !namesMatch(holder.name, name)) {
      throw conflict(
        'This ID number is registered under another name; correct the name through public security first',
      );
    }
    // The household registration decides Art. 2's non-local test: it is not silently replaced.
    if (holder && holder.hukouRegionCode !== input.hukouRegionCode) {
      throw conflict(
        'This ID number is on record with another household registration (户口); a change of 户口 is not a residence registration',
      );
    }
    if (!holder) {
      holder = em.create(Holder, {
        citizenIdNumber: id.value,
        name,
        nameKey: normalizeName(name),
        sex: id.sex,
        birthDate: id.birthDate,
        hukouRegionCode: input.hukouRegionCode,
        hukouAddress,
        createdAt: stamp(s),
      });
      await em.flush();
    }
    const rec = em.create(ResidenceRecord, {
      holderId: holder.id,
      kind: 'REGISTRATION',
      effectiveOn: registeredOn,
      regionCode: residence.code,
      address,
      basis: basis.join(','),
      proofKind,
      proofReference,
      portraitCaptured: true,
      officeRegionCode: officeRegion(s.caller).code,
      actor: s.caller.sub,
      createdAt: stamp(s),
    });
    await em.flush();
    return {
      result: {
        id: rec.id,
        holderId: holder.id,
        registeredOn,
        region: residence,
        basis,
        eligibleToApplyOn: decision.value.eligibleToApplyOn,
      },
      audit: [
        {
          action: 'REGISTER_RESIDENCE',
          subject: maskCitizenId(id.value),
          outcome: `registered in ${residence.code}`,
        },
      ],
    };
  });
}

export interface ApplicationView {
  id: number;
  holderId: number;
  appliedOn: LocalDate;
  status: 'ACCEPTED' | 'REFUSED' | 'ISSUED';
  issueDeadline: LocalDate | null;
  deadlineProvisional: boolean;
  reasons: Reason[];
  permitId: number | null;
}

/** An application as answered: the Art. 11 deadline derived from the act with the calendar in force. */
export function applicationView(
  cal: WorkingCalendar,
  a: ApplicationRow,
  permitId: number | null,
): ApplicationView {
  const deadline = a.accepted ? issueDeadline(cal, d(a.appliedOn)) : null;
  return {
    id: a.id,
    holderId: a.holderId,
    appliedOn: d(a.appliedOn),
    status: !a.accepted ? 'REFUSED' : permitId !== null ? 'ISSUED' : 'ACCEPTED',
    issueDeadline: deadline?.date ?? null,
    deadlineProvisional: deadline?.provisional ?? false,
    reasons: loadReasons(a.reasons),
    permitId,
  };
}

/**
 * Articles 2, 10, 22(1): ACCEPTED with the Art. 11 deadline, or REFUSED with the failed reasons
 * (a refusal is a recorded act, not an error, so it can be reviewed under Art. 23).
 */
export async function applyForPermit(
  s: Scope,
  input: {
    citizenIdNumber: string;
    appliedOn?: string | null;
    residenceAddress?: string | null;
    basis?: string[] | null;
  },
): Promise<ApplicationView> {
  const id = citizenId(s, input.citizenIdNumber, 'citizenIdNumber');
  const appliedOn = actDate(s, input.appliedOn, 'appliedOn');
  const newAddress =
    input.residenceAddress == null ? null : text(input.residenceAddress, 'residenceAddress', 256);
  const newBasis = input.basis == null ? null : bases(input.basis);
  const view = await inTransaction(
    s,
    { action: 'APPLY_FOR_PERMIT', subject: maskCitizenId(id.value) },
    async (em) => {
      const holder = await holderByCitizenId(em, id.value);
      if (!holder) throw notFound('Residence registration for this ID number');
      // Art. 8: the latest registration on or before the application starts the six months. I-4: a
      // lapsed holder applying again without registering again still counts from that registration.
      const [latest] = await em.find(
        ResidenceRecord,
        { holderId: holder.id, kind: 'REGISTRATION', effectiveOn: { $lte: appliedOn } },
        { orderBy: { effectiveOn: 'desc', id: 'desc' }, limit: 1 },
      );
      if (!latest) throw notFound('Residence registration on or before the application date');
      const residence = await currentResidence(em, holder.id);
      const residenceRegion = resolveRegionCode(residence.regionCode)!;
      requireRegion(s, residenceRegion, 'applyForPermit (Art. 10: the office of the place of residence)');
      const bundles = await loadBundles(em, { holderIds: [holder.id] });
      const counting = permitThatCounts(bundles, appliedOn);
      if (
        counting &&
        counting.permit.issuedOn <= appliedOn &&
        stateOn(s.deps.calendar, counting, appliedOn).status === 'VALID'
      ) {
        throw conflict('The holder already has a valid permit; apply again only after it lapses');
      }
      const open = await em.find(Application, {
        holderId: holder.id,
        accepted: true,
        openSlot: { $ne: null },
      });
      const issuedApps = new Set(bundles.map((b) => b.permit.applicationId));
      if (open.some((a) => !issuedApps.has(a.id)))
        throw conflict('The holder already has an open application (one at a time)');

      const basis = newBasis ?? (residence.basis ? (residence.basis.split(',') as ResidenceBasis[]) : []);
      const corrected = newAddress !== null || newBasis !== null;
      if (corrected) {
        // Art. 10 para 2: details changed since registration are corrected with the application (a new row)
        em.create(ResidenceRecord, {
          holderId: holder.id,
          kind: 'CORRECTION',
          effectiveOn: appliedOn,
          regionCode: residence.regionCode,
          address: newAddress ?? residence.address,
          basis: basis.join(','),
          proofKind: null,
          proofReference: null,
          portraitCaptured: residence.portraitCaptured,
          officeRegionCode: officeRegion(s.caller).code,
          actor: s.caller.sub,
          createdAt: stamp(s),
        });
      }
      const decision = decideApplication(s.deps.calendar, {
        appliedOn,
        hukouRegionCode: holder.hukouRegionCode,
        registeredOn: d(latest.effectiveOn),
        basis,
      });
      const row = em.create(Application, {
        holderId: holder.id,
        appliedOn,
        accepted: decision.eligible,
        reasons: storeReasons(decision.reasons),
        openSlot: decision.eligible ? `${holder.id}:${bundles.length}` : null,
        officeRegionCode: officeRegion(s.caller).code,
        actor: s.caller.sub,
        createdAt: stamp(s),
      });
      await em.flush();
      return {
        result: applicationView(s.deps.calendar, row, null),
        audit: [
          ...(corrected
            ? [
                {
                  action: 'CORRECT_RESIDENCE',
                  subject: maskCitizenId(id.value),
                  outcome: `Art. 10 correction of ${[newAddress !== null ? 'address' : '', newBasis !== null ? 'basis' : ''].filter(Boolean).join(' and ')}`,
                },
              ]
            : []),
          {
            action: 'APPLY_FOR_PERMIT',
            subject: `application:${row.id}`,
            outcome: decision.eligible
              ? `ACCEPTED deadline ${decision.issueDeadline!.date}`
              : `REFUSED ${decision.reasons
                  .filter((r) => !r.passed)
                  .map((r) => r.code)
                  .join(',')}`,
          },
        ],
      };
    },
  );
  if (view.status === 'REFUSED')
    for (const r of view.reasons) if (!r.passed) s.deps.observer?.refused(r.code);
  return view;
}

/** Articles 11–12: only an accepted application; issued by 洛阳市公安局 whoever accepted it. */
export async function issuePermit(
  s: Scope,
  applicationId: string,
  issuedOnInput?: string | null,
): Promise<PermitBundle> {
  const appId = numericId(applicationId, 'applicationId');
  const issuedOn = actDate(s, issuedOnInput, 'issuedOn');
  return inTransaction(s, { action: 'ISSUE_PERMIT', subject: `application:${appId}` }, async (em) => {
    const app = await em.findOne(Application, { id: appId });
    if (!app) throw notFound('Application');
    const residence = await currentResidence(em, app.holderId);
    const residenceRegion = resolveRegionCode(residence.regionCode)!;
    requireRegion(s, residenceRegion, 'issuePermit');
    if (!app.accepted)
      throw ruleViolation(
        violation(
          'APPLICATION_REFUSED',
          cite('11'),
          '申请未被受理，不能核发',
          'The application was refused; only an accepted application is issued',
        ),
      );
    const existing = await em.findOne(Permit, { applicationId: app.id });
    if (existing) throw conflict('A permit was already issued on this application');
    if (issuedOn < app.appliedOn)
      throw badInput('issuedOn: before the application date', { field: 'issuedOn' });
    const permit = em.create(Permit, {
      holderId: app.holderId,
      applicationId: app.id,
      issuedOn,
      issueMonthDay: monthDay(issuedOn),
      issuingAuthority: ISSUING_AUTHORITY,
      regionCode: residenceRegion.code,
      actor: s.caller.sub,
      createdAt: stamp(s),
    });
    await em.flush();
    const [bundle] = await loadBundles(em, { permitIds: [permit.id] });
    const deadline = issueDeadline(s.deps.calendar, d(app.appliedOn)).date;
    const late = issuedOn > deadline;
    return {
      result: bundle,
      audit: [
        {
          action: 'ISSUE_PERMIT',
          subject: `permit:${permit.id}`,
          outcome: `issued ${issuedOn}${late ? ` after the Art. 11 deadline ${deadline}` : ''}`,
        },
      ],
    };
  });
}

/** Acts on a permit (Art. 14) need it valid on the day: a lapsed or confiscated permit is applied for again. */
function requireValid(
  s: Scope,
  b: PermitBundle,
  on: LocalDate,
  key: CitationKey,
  zh: string,
  en: string,
): void {
  const { status } = stateOn(s.deps.calendar, b, on);
  if (status !== 'VALID') {
    throw ruleViolation(
      violation(
        'PERMIT_VALID',
        cite(key),
        `居住证当日无效，${zh}`,
        `The permit is ${status.toLowerCase()} on ${on}: ${en}`,
        { status },
      ),
    );
  }
}

/** The day of the latest act recorded on the permit (issue, endorsement, move, replacement, confiscation). */
function latestActOn(b: PermitBundle): string {
  const days = [
    b.permit.issuedOn,
    ...b.endorsements.map((e) => e.endorsedOn),
    ...b.changes.map((c) => c.changedOn),
    ...b.replacementsIssued,
  ];
  if (b.confiscation) days.push(b.confiscation.confiscatedOn);
  return days.reduce((a, x) => (x > a ? x : a));
}

/**
 * Acts on a permit are recorded in date order, so history is never rewritten under an act already
 * on record; and the office acting is the one of the permit's region now (I-5), whatever day the
 * act is dated.
 */
function requireOrderAndRegion(s: Scope, b: PermitBundle, on: LocalDate, what: string): void {
  requireRegion(s, permitRegionOn(b, today(s)), what);
  const latest = latestActOn(b);
  if (on < latest)
    throw conflict(
      `${what}: dated ${on}, before an act already recorded on this permit (${latest}); acts are recorded in date order`,
    );
}

async function bundleFor(em: EntityManager, permitId: number): Promise<PermitBundle> {
  const [b] = await loadBundles(em, { permitIds: [permitId] });
  if (!b) throw notFound('Permit');
  return b;
}

/** Article 13 (I-3, I-4). */
export async function endorsePermit(
  s: Scope,
  permitIdInput: string,
  endorsedOnInput?: string | null,
): Promise<PermitBundle> {
  const permitId = numericId(permitIdInput, 'permitId');
  const endorsedOn = actDate(s, endorsedOnInput, 'endorsedOn');
  return inTransaction(s, { action: 'ENDORSE_PERMIT', subject: `permit:${permitId}` }, async (em) => {
    const b = await bundleFor(em, permitId);
    requireOrderAndRegion(s, b, endorsedOn, 'endorsePermit');
    const decision = decideEndorsement(s.deps.calendar, permitFacts(b), endorsedOn);
    if (!decision.ok) throw ruleViolation(decision.error);
    em.create(Endorsement, {
      permitId,
      year: decision.value.year,
      endorsedOn,
      actor: s.caller.sub,
      createdAt: stamp(s),
    });
    await em.flush();
    return {
      result: await bundleFor(em, permitId),
      audit: [
        {
          action: 'ENDORSE_PERMIT',
          subject: `permit:${permitId}`,
          outcome: `year ${decision.value.year} endorsed; valid through ${decision.value.extendsValidityThrough}`,
        },
      ],
    };
  });
}

/**
 * Article 14 para 1: a move between the urban area and a county, or between counties, is a change
 * registration at the new region's office; a move inside the urban area updates the address only.
 */
export async function changeResidence(
  s: Scope,
  input: {
    permitId: string;
    residenceRegionCode: string;
    residenceAddress: string;
    changedOn?: string | null;
  },
): Promise<PermitBundle> {
  const permitId = numericId(input.permitId, 'permitId');
  const to = region(input.residenceRegionCode, 'residenceRegionCode');
  if (to.kind === 'CITY')
    throw badInput('residenceRegionCode: name the district or county of the new residence', {
      field: 'residenceRegionCode',
    });
  const address = text(input.residenceAddress, 'residenceAddress', 256);
  const changedOn = actDate(s, input.changedOn, 'changedOn');
  requireRegion(s, to, 'changeResidence (Art. 14: the office of the new residence)');
  return inTransaction(s, { action: 'CHANGE_RESIDENCE', subject: `permit:${permitId}` }, async (em) => {
    const b = await bundleFor(em, permitId);
    if (changedOn < b.permit.issuedOn)
      throw badInput('changedOn: before the permit was issued', { field: 'changedOn' });
    const latest = latestActOn(b);
    if (changedOn < latest)
      throw conflict(
        `changeResidence: dated ${changedOn}, before an act already recorded on this permit (${latest})`,
      );
    requireValid(s, b, changedOn, '14.1', '不能办理变更登记', 'no change registration');
    const from = permitRegionOn(b, changedOn);
    const registration = isMoveRequiringChangeRegistration(from, to);
    em.create(ResidenceChange, {
      permitId,
      holderId: b.permit.holderId,
      fromRegionCode: from.code,
      toRegionCode: to.code,
      address,
      changedOn,
      changeRegistration: registration,
      actor: s.caller.sub,
      createdAt: stamp(s),
    });
    const residence = await currentResidence(em, b.permit.holderId);
    em.create(ResidenceRecord, {
      holderId: b.permit.holderId,
      kind: 'MOVE',
      effectiveOn: changedOn,
      regionCode: to.code,
      address,
      basis: residence.basis,
      proofKind: null,
      proofReference: null,
      portraitCaptured: residence.portraitCaptured,
      officeRegionCode: officeRegion(s.caller).code,
      actor: s.caller.sub,
      createdAt: stamp(s),
    });
    await em.flush();
    return {
      result: await bundleFor(em, permitId),
      audit: [
        {
          action: registration ? 'CHANGE_REGISTRATION' : 'ADDRESS_UPDATE',
          subject: `permit:${permitId}`,
          outcome: `${from.code} -> ${to.code}`,
        },
      ],
    };
  });
}

export interface ReplacementView {
  id: number;
  permitId: number;
  kind: string;
  reportedOn: LocalDate;
  /** Art. 14 para 2, derived from reportedOn with the calendar in force */
  deadline: LocalDate;
  deadlineProvisional: boolean;
  issuedOn: LocalDate | null;
}

export function replacementView(
  cal: WorkingCalendar,
  r: ReplacementRow,
  issuedOn: string | null,
): ReplacementView {
  const deadline = replacementDeadline(cal, d(r.reportedOn));
  return {
    id: r.id,
    permitId: r.permitId,
    kind: r.kind,
    reportedOn: d(r.reportedOn),
    deadline: deadline.date,
    deadlineProvisional: deadline.provisional,
    issuedOn: issuedOn === null ? null : d(issuedOn),
  };
}

/** Article 14 para 2: a lost or damaged permit is replaced within 15 working days of the request. */
export async function reportPermitLoss(
  s: Scope,
  permitIdInput: string,
  kind: 'LOST' | 'DAMAGED',
  reportedOnInput?: string | null,
): Promise<ReplacementView> {
  const permitId = numericId(permitIdInput, 'permitId');
  const reportedOn = actDate(s, reportedOnInput, 'reportedOn');
  return inTransaction(s, { action: 'REPORT_PERMIT_LOSS', subject: `permit:${permitId}` }, async (em) => {
    const b = await bundleFor(em, permitId);
    requireOrderAndRegion(s, b, reportedOn, 'reportPermitLoss');
    requireValid(s, b, reportedOn, '14.2', '不能换领或补领', 'no replacement');
    const pending = await em.find(Replacement, { permitId });
    const issued = await em.find(ReplacementIssue, { permitId });
    if (pending.some((p) => !issued.some((i) => i.requestId === p.id)))
      throw conflict('A replacement request for this permit is still open');
    const deadline = replacementDeadline(s.deps.calendar, reportedOn);
    const row = em.create(Replacement, {
      permitId,
      kind,
      reportedOn,
      openSlot: `${permitId}:${b.replacementsIssued.length}`,
      actor: s.caller.sub,
      createdAt: stamp(s),
    });
    await em.flush();
    return {
      result: replacementView(s.deps.calendar, row, null),
      audit: [
        {
          action: 'REPORT_PERMIT_LOSS',
          subject: `permit:${permitId}`,
          outcome: `${kind}; deadline ${deadline.date}`,
        },
      ],
    };
  });
}

export async function issueReplacement(
  s: Scope,
  requestIdInput: string,
  issuedOnInput?: string | null,
): Promise<PermitBundle> {
  const requestId = numericId(requestIdInput, 'requestId');
  const issuedOn = actDate(s, issuedOnInput, 'issuedOn');
  return inTransaction(s, { action: 'ISSUE_REPLACEMENT', subject: `request:${requestId}` }, async (em) => {
    const req = await em.findOne(Replacement, { id: requestId });
    if (!req) throw notFound('Replacement request');
    const b = await bundleFor(em, req.permitId);
    requireOrderAndRegion(s, b, issuedOn, 'issueReplacement');
    if (issuedOn < req.reportedOn) throw badInput('issuedOn: before the request', { field: 'issuedOn' });
    if (await em.findOne(ReplacementIssue, { requestId }))
      throw conflict('This request was already fulfilled');
    requireValid(s, b, issuedOn, '14.2', '不能核发换领或补领的居住证', 'no replacement card');
    const cardVersion = 2 + b.replacementsIssued.length;
    em.create(ReplacementIssue, {
      requestId,
      permitId: req.permitId,
      issuedOn,
      cardVersion,
      actor: s.caller.sub,
      createdAt: stamp(s),
    });
    await em.flush();
    return {
      result: await bundleFor(em, req.permitId),
      audit: [
        {
          action: 'ISSUE_REPLACEMENT',
          subject: `permit:${req.permitId}`,
          outcome: `card ${cardVersion} issued ${issuedOn}`,
        },
      ],
    };
  });
}

/** Article 18(7): the holder's children, for the school check. */
export async function addDependent(
  s: Scope,
  input: { holderCitizenIdNumber: string; citizenIdNumber: string; name: string },
): Promise<DependentRow> {
  const holderId = citizenId(s, input.holderCitizenIdNumber, 'holderCitizenIdNumber');
  const child = citizenId(s, input.citizenIdNumber, 'citizenIdNumber');
  const name = personName(input.name, 'name');
  if (child.value === holderId.value)
    throw badInput('citizenIdNumber: a holder is not their own dependent', { field: 'citizenIdNumber' });
  return inTransaction(s, { action: 'ADD_DEPENDENT', subject: maskCitizenId(holderId.value) }, async (em) => {
    const holder = await holderByCitizenId(em, holderId.value);
    if (!holder) throw notFound('Holder');
    const residence = await currentResidence(em, holder.id);
    requireRegion(s, resolveRegionCode(residence.regionCode)!, 'addDependent');
    if (child.birthDate <= holder.birthDate)
      throw badInput('citizenIdNumber: the child is not younger than the holder', {
        field: 'citizenIdNumber',
      });
    const row = em.create(Dependent, {
      holderId: holder.id,
      citizenIdNumber: child.value,
      name,
      birthDate: child.birthDate,
      actor: s.caller.sub,
      createdAt: stamp(s),
    });
    await em.flush();
    return {
      result: row,
      audit: [
        {
          action: 'ADD_DEPENDENT',
          subject: maskCitizenId(holder.citizenIdNumber),
          outcome: `dependent ${maskCitizenId(child.value)}`,
        },
      ],
    };
  });
}

/** Articles 20–21: public security of the holder's region records a penalty within the bounds. */
export async function recordViolation(
  s: Scope,
  input: {
    citizenIdNumber: string;
    article: number;
    clause: number;
    warning: boolean;
    fineYuan: number;
    illegalGainsYuan: number;
    occurredOn?: string | null;
  },
): Promise<ViolationRow> {
  const id = citizenId(s, input.citizenIdNumber, 'citizenIdNumber');
  const occurredOn = actDate(s, input.occurredOn, 'occurredOn');
  return inTransaction(s, { action: 'RECORD_VIOLATION', subject: maskCitizenId(id.value) }, async (em) => {
    const v = validatePenalty(input);
    if (!v.ok) throw ruleViolation(v.error);
    const holder = await holderByCitizenId(em, id.value);
    // A holder is penalised by public security of their region; a person with no record here (a
    // buyer of a forged permit, say) by the office where the act came to light.
    if (holder) {
      const residence = await currentResidence(em, holder.id);
      requireRegion(s, resolveRegionCode(residence.regionCode)!, 'recordViolation');
    }
    const row = em.create(Violation, {
      holderId: holder?.id ?? null,
      citizenIdNumber: id.value,
      article: input.article,
      clause: input.clause,
      warning: input.warning,
      fineYuan: input.fineYuan,
      illegalGainsYuan: input.illegalGainsYuan,
      occurredOn,
      officeRegionCode: officeRegion(s.caller).code,
      actor: s.caller.sub,
      createdAt: stamp(s),
    });
    await em.flush();
    return {
      result: row,
      audit: [
        {
          action: 'RECORD_VIOLATION',
          subject: maskCitizenId(id.value),
          outcome: `Art. ${input.article}(${input.clause}) fine ${input.fineYuan}`,
        },
      ],
    };
  });
}

/** Article 21 para 2: forged and fraudulently obtained permits are confiscated. */
export async function confiscatePermit(
  s: Scope,
  permitIdInput: string,
  reasonInput: string,
  confiscatedOnInput?: string | null,
): Promise<PermitBundle> {
  const permitId = numericId(permitIdInput, 'permitId');
  const reason = text(reasonInput, 'reason', 256);
  const confiscatedOn = actDate(s, confiscatedOnInput, 'confiscatedOn');
  return inTransaction(s, { action: 'CONFISCATE_PERMIT', subject: `permit:${permitId}` }, async (em) => {
    const b = await bundleFor(em, permitId);
    if (b.confiscation) throw conflict('The permit is already confiscated');
    requireOrderAndRegion(s, b, confiscatedOn, 'confiscatePermit');
    if (confiscatedOn < b.permit.issuedOn)
      throw badInput('confiscatedOn: before the permit was issued', { field: 'confiscatedOn' });
    em.create(Confiscation, { permitId, confiscatedOn, reason, actor: s.caller.sub, createdAt: stamp(s) });
    await em.flush();
    return {
      result: await bundleFor(em, permitId),
      audit: [
        {
          action: 'CONFISCATE_PERMIT',
          subject: `permit:${permitId}`,
          outcome: `confiscated ${confiscatedOn}`,
        },
      ],
    };
  });
}

/** Articles 18(12), 19(6): a city or county government adds a local entitlement for its region. */
export async function defineLocalEntitlement(
  s: Scope,
  input: {
    code: string;
    kind: string;
    nameZh: string;
    nameEn: string;
    department: string;
    regionCode: string;
    effectiveFrom: string;
    effectiveUntil?: string | null;
  },
): Promise<EntitlementRow> {
  if (!ENTITLEMENT_CODE.test(input.code))
    throw badInput('code: upper-case letters, digits and _ (3–64), starting with a letter', {
      field: 'code',
    });
  if (input.kind !== 'PUBLIC_SERVICE' && input.kind !== 'CONVENIENCE')
    throw badInput('kind: PUBLIC_SERVICE or CONVENIENCE', { field: 'kind' });
  if (!DEPARTMENTS.includes(input.department as Department))
    throw badInput('department: unknown', { field: 'department' });
  const nameZh = text(input.nameZh, 'nameZh', 128);
  const nameEn = text(input.nameEn, 'nameEn', 128);
  const r = region(input.regionCode, 'regionCode');
  const from = parseLocalDate(input.effectiveFrom);
  if (isDateError(from)) throw badInput(`effectiveFrom: ${from.messageEn}`, { field: 'effectiveFrom' });
  const until = input.effectiveUntil == null ? null : parseLocalDate(input.effectiveUntil);
  if (until !== null && isDateError(until))
    throw badInput(`effectiveUntil: ${until.messageEn}`, { field: 'effectiveUntil' });
  if (until !== null && until < from)
    throw badInput('effectiveUntil: before effectiveFrom', { field: 'effectiveUntil' });
  if (!covers(officeRegion(s.caller), r))
    throw forbidden(`defineLocalEntitlement: ${r.code} is outside your region`);
  if (r.kind === 'URBAN_DISTRICT')
    throw badInput(
      'regionCode: Art. 18(12)/19(6) let the city and county governments add items: the city or a county',
      { field: 'regionCode' },
    );
  if (CATALOGUE.some((c) => c.code === input.code))
    throw conflict('code: that is an Article 18/19 catalogue code');
  const cit = localCitation(input.kind);
  return inTransaction(s, { action: 'DEFINE_LOCAL_ENTITLEMENT', subject: input.code }, async (em) => {
    if (await em.findOne(EntitlementEntity, { code: input.code })) throw conflict('code: already defined');
    const row = em.create(EntitlementEntity, {
      code: input.code,
      kind: input.kind,
      article: cit.article,
      clause: cit.clause!,
      nameZh,
      nameEn,
      department: input.department,
      regionCode: r.code,
      effectiveFrom: from,
      effectiveUntil: until,
      local: true,
      actor: s.caller.sub,
      createdAt: stamp(s),
    });
    await em.flush();
    return {
      result: row,
      audit: [{ action: 'DEFINE_LOCAL_ENTITLEMENT', subject: input.code, outcome: `${r.code} from ${from}` }],
    };
  });
}
