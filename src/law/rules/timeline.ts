/**
 * Art. 13 and I-3/I-4: a permit's status, last valid day and endorsement window on any day, from
 * its issue date, endorsements and confiscation (Art. 21 para 2). Only acts dated on or before
 * `asOf` count. Replacement cards leave the cycle unchanged (Art. 14 para 2); residence changes
 * move only the region.
 *
 * 第十三条 居住证实行签注制度，每年签注一次。持证人应当自居住证签发之日起每满一年前一个月内
 * 向原县级公安机关或者受托机构申办居住证签注。签注有效期满未再申办签注手续的，居住证自动失效。
 */
import { cite } from '../articles';
import { addDays, minDate, type LocalDate } from '../date';
import { fail, ok, violation, type Result } from '../decision';
import { endorsementWindow, type EndorsementWindow } from '../periods';
import type { DerivedDate, WorkingCalendar } from '../working-days';

export type PermitStatus = 'NOT_YET_ISSUED' | 'VALID' | 'LAPSED' | 'CONFISCATED';

export interface PermitFacts {
  readonly issuedOn: LocalDate;
  /** dates of accepted endorsements, any order */
  readonly endorsements: readonly LocalDate[];
  readonly confiscatedOn: LocalDate | null;
}

export interface PermitState {
  readonly status: PermitStatus;
  /** last day of validity reached so far; null before issue */
  readonly validThrough: LocalDate | null;
  readonly validThroughProvisional: boolean;
  /**
   * The first window not closed by `asOf` in which the permit still needs endorsing (it may not be
   * open yet); null when lapsed or confiscated.
   */
  readonly endorsementWindow: EndorsementWindow | null;
  /** how many endorsement years have been endorsed by `asOf` */
  readonly endorsedYears: number;
}

/**
 * Walks the endorsement years: year k's window is endorsed when an endorsement dated in it (and on
 * or before asOf) exists; then validity runs through year k+1's window.
 */
export function permitStateOn(cal: WorkingCalendar, facts: PermitFacts, asOf: LocalDate): PermitState {
  if (asOf < facts.issuedOn) {
    return {
      status: 'NOT_YET_ISSUED',
      validThrough: null,
      validThroughProvisional: false,
      endorsementWindow: endorsementWindow(cal, facts.issuedOn, 1),
      endorsedYears: 0,
    };
  }
  const endorsed = facts.endorsements.filter((e) => e <= asOf);
  let k = 1;
  let window = endorsementWindow(cal, facts.issuedOn, k);
  for (;;) {
    const w = window;
    if (!endorsed.some((e) => e >= w.from && e <= w.to)) break;
    k += 1;
    window = endorsementWindow(cal, facts.issuedOn, k);
  }
  // validity reached so far: through the current (unendorsed) year's window
  const confiscated =
    facts.confiscatedOn !== null && facts.confiscatedOn <= asOf ? facts.confiscatedOn : null;
  if (confiscated !== null) {
    const dayBefore = addDays(confiscated, -1);
    return {
      status: 'CONFISCATED',
      // SPEC: the day before confiscation (so the issue day itself when confiscated the next day), or
      // the end of validity if it had already lapsed; none when confiscated on the day of issue
      validThrough: confiscated > facts.issuedOn ? minDate(window.to, dayBefore) : null,
      // the day before confiscation rests on no calendar; only a lapse on or before it does
      validThroughProvisional: window.to <= dayBefore && window.provisional,
      endorsementWindow: null,
      endorsedYears: k - 1,
    };
  }
  if (asOf > window.to) {
    return {
      status: 'LAPSED',
      validThrough: window.to,
      validThroughProvisional: window.provisional,
      endorsementWindow: null,
      endorsedYears: k - 1,
    };
  }
  return {
    status: 'VALID',
    validThrough: window.to,
    validThroughProvisional: window.provisional,
    endorsementWindow: window,
    endorsedYears: k - 1,
  };
}

/**
 * I-3: endorsing in year k's window makes the permit valid through the end of year k+1's window.
 * Derived from the issue date and k whenever it is asked, with the calendar in force then, so a
 * holiday notice loaded later moves it (SPEC "Holiday notices"); the endorsement itself is not edited.
 */
export function validityAfterEndorsement(
  cal: WorkingCalendar,
  issuedOn: LocalDate,
  year: number,
): DerivedDate {
  const next = endorsementWindow(cal, issuedOn, year + 1);
  return { date: next.to, provisional: next.provisional };
}

export interface EndorsementAccepted {
  readonly endorsedOn: LocalDate;
  readonly year: number;
  /** the last day of the next year's window (I-3) */
  readonly extendsValidityThrough: LocalDate;
  readonly provisional: boolean;
}

/**
 * Whether an endorsement on `endorsedOn` is accepted: only inside the open window of a valid
 * permit. Early → ENDORSEMENT_WINDOW_NOT_OPEN with the window's dates; lapsed → PERMIT_LAPSED
 * (I-4, final); confiscated → PERMIT_CONFISCATED.
 */
export function decideEndorsement(
  cal: WorkingCalendar,
  facts: PermitFacts,
  endorsedOn: LocalDate,
): Result<EndorsementAccepted> {
  const state = permitStateOn(cal, facts, endorsedOn);
  switch (state.status) {
    case 'NOT_YET_ISSUED':
      return fail(
        violation(
          'PERMIT_NOT_YET_ISSUED',
          cite('13'),
          '居住证尚未签发，不能签注',
          'The permit had not been issued on that day',
        ),
      );
    case 'CONFISCATED':
      return fail(
        violation(
          'PERMIT_CONFISCATED',
          cite('21.2'),
          '居住证已被收缴，不能签注',
          'The permit has been confiscated and cannot be endorsed',
        ),
      );
    case 'LAPSED':
      return fail(
        violation(
          'PERMIT_LAPSED',
          cite('13'),
          `签注有效期已于${state.validThrough}届满，居住证自动失效，须重新申领`,
          `The endorsement period ended on ${state.validThrough}: the permit lapsed automatically and cannot be endorsed; the holder must apply again`,
          { validThrough: state.validThrough },
        ),
      );
    case 'VALID': {
      const w = state.endorsementWindow!;
      if (endorsedOn < w.from) {
        return fail(
          violation(
            'ENDORSEMENT_WINDOW_NOT_OPEN',
            cite('13'),
            `签注期为${w.from}至${w.to}，尚未开始`,
            `The endorsement window runs from ${w.from} to ${w.to} and is not open yet`,
            { windowFrom: w.from, windowTo: w.to, provisional: w.provisional },
          ),
        );
      }
      const next = validityAfterEndorsement(cal, facts.issuedOn, w.year);
      return ok({
        endorsedOn,
        year: w.year,
        extendsValidityThrough: next.date,
        provisional: next.provisional,
      });
    }
  }
}
