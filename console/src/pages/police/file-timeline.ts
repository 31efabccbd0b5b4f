/**
 * 持证人档案's timeline bar, as data: a permit (as the gateway states it) turned into stretches and
 * markers placed on [0, 1] between the issue date and a little past the last date worth showing.
 * Nothing of the law is computed here: the status, the last valid day and the endorsement windows
 * are the server's (`status`, `validThrough`, `endorsementWindows`); this only places dates.
 */
import { addDays, daysBetween, maxDate, type LocalDate } from '../../../../src/law/date';

export type PermitStatusCode = 'NOT_YET_ISSUED' | 'VALID' | 'LAPSED' | 'CONFISCATED';

export interface TimelinePermitInput {
  readonly issuedOn: string;
  readonly status: PermitStatusCode;
  readonly validThrough?: string | null;
  readonly endorsementWindows: readonly {
    readonly from: string;
    readonly to: string;
    readonly provisional?: boolean;
  }[];
  readonly endorsements: readonly { readonly endorsedOn: string; readonly extendsValidityThrough: string }[];
  readonly moves: readonly {
    readonly changedOn: string;
    readonly fromRegion: { readonly nameZh: string };
    readonly toRegion: { readonly nameZh: string };
    readonly changeRegistration: boolean;
  }[];
  readonly replacementRequests: readonly {
    readonly kind: 'LOST' | 'DAMAGED';
    readonly reportedOn: string;
    readonly issuedOn?: string | null;
  }[];
  readonly confiscation?: { readonly confiscatedOn: string; readonly reason: string } | null;
}

/** The base track: valid (green), lapsed (grey), confiscated (red); future days not yet reached are left out. */
export type StretchKind = 'valid' | 'lapsed' | 'confiscated';

/** The endorsement windows, drawn over the track. */
export type WindowKind = 'endorsed' | 'open' | 'upcoming' | 'missed' | 'cut';

export type MarkerKind = 'issue' | 'endorse' | 'move' | 'replace' | 'lapse' | 'confiscate';

export interface Stretch {
  readonly kind: StretchKind;
  readonly from: LocalDate;
  /** inclusive */
  readonly to: LocalDate;
  readonly start: number;
  readonly end: number;
}

export interface WindowBand {
  readonly kind: WindowKind;
  readonly year: number;
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly provisional: boolean;
  readonly start: number;
  readonly end: number;
}

export interface Marker {
  readonly kind: MarkerKind;
  readonly date: LocalDate;
  readonly at: number;
  /** endorse: the validity it gave; move: from → to; replace: LOST/DAMAGED; confiscate: the reason */
  readonly detail?: string;
  /** move: a change registration (urban area ↔ county, or between counties) */
  readonly changeRegistration?: boolean;
}

export interface Timeline {
  readonly from: LocalDate;
  /** the right edge (inclusive) */
  readonly to: LocalDate;
  readonly stretches: readonly Stretch[];
  readonly windows: readonly WindowBand[];
  /** in date order; on one day in the order of the kinds above */
  readonly markers: readonly Marker[];
  readonly today: { readonly date: LocalDate; readonly at: number | null };
}

/** Days shown after the last date worth showing, so that a marker on it is not drawn on the edge. */
export const MARGIN_DAYS = 30;

const KIND_ORDER: readonly MarkerKind[] = ['issue', 'endorse', 'move', 'replace', 'lapse', 'confiscate'];

const ld = (s: string) => s as LocalDate;

/** The permit's timeline as of `today` (YYYY-MM-DD, China Standard Time). */
export function permitTimeline(p: TimelinePermitInput, today: string): Timeline {
  const issued = ld(p.issuedOn);
  const now = ld(today);
  const confiscatedOn = p.confiscation ? ld(p.confiscation.confiscatedOn) : null;
  const validThrough = p.validThrough ? ld(p.validThrough) : null;

  let last = maxDate(issued, now);
  for (const w of p.endorsementWindows) last = maxDate(last, ld(w.to));
  for (const e of p.endorsements) last = maxDate(last, ld(e.endorsedOn));
  for (const m of p.moves) last = maxDate(last, ld(m.changedOn));
  for (const r of p.replacementRequests) last = maxDate(last, ld(r.issuedOn ?? r.reportedOn));
  if (confiscatedOn) last = maxDate(last, confiscatedOn);
  if (validThrough) last = maxDate(last, validThrough);
  const end = addDays(last, MARGIN_DAYS);
  const span = daysBetween(issued, end) + 1;
  // a day d covers [at(d), at(d + 1)): a stretch through `to` ends where the next day begins
  const at = (d: LocalDate) => Math.min(1, Math.max(0, daysBetween(issued, d) / span));
  const after = (d: LocalDate) => at(addDays(d, 1));

  const stretches: Stretch[] = [];
  const push = (kind: StretchKind, from: LocalDate, to: LocalDate) => {
    if (to < from) return;
    stretches.push({ kind, from, to, start: at(from), end: after(to) });
  };
  if (p.status !== 'NOT_YET_ISSUED') {
    // valid from the issue day through the server's last valid day (none when confiscated on the day of issue)
    if (validThrough) push('valid', issued, validThrough);
    if (p.status === 'LAPSED' && validThrough) push('lapsed', addDays(validThrough, 1), end);
    if (p.status === 'CONFISCATED' && confiscatedOn) {
      // lapsed before it was confiscated: the days between stay grey
      if (validThrough && validThrough < addDays(confiscatedOn, -1))
        push('lapsed', addDays(validThrough, 1), addDays(confiscatedOn, -1));
      push('confiscated', confiscatedOn, end);
    }
  }

  const windows: WindowBand[] = p.endorsementWindows.map((w, i) => {
    const from = ld(w.from);
    const to = ld(w.to);
    const endorsed = p.endorsements.some((e) => e.endorsedOn >= from && e.endorsedOn <= to);
    const kind: WindowKind = endorsed
      ? 'endorsed'
      : confiscatedOn && confiscatedOn <= to
        ? 'cut'
        : to < now
          ? 'missed'
          : from > now
            ? 'upcoming'
            : 'open';
    return {
      kind,
      year: i + 1,
      from,
      to,
      provisional: w.provisional === true,
      start: at(from),
      end: after(to),
    };
  });

  const markers: Marker[] = [{ kind: 'issue', date: issued, at: at(issued) }];
  for (const e of p.endorsements)
    markers.push({
      kind: 'endorse',
      date: ld(e.endorsedOn),
      at: at(ld(e.endorsedOn)),
      detail: e.extendsValidityThrough,
    });
  for (const m of p.moves)
    markers.push({
      kind: 'move',
      date: ld(m.changedOn),
      at: at(ld(m.changedOn)),
      detail: `${m.fromRegion.nameZh} → ${m.toRegion.nameZh}`,
      changeRegistration: m.changeRegistration,
    });
  for (const r of p.replacementRequests) {
    const date = ld(r.issuedOn ?? r.reportedOn);
    markers.push({ kind: 'replace', date, at: at(date), detail: r.kind });
  }
  if (
    validThrough &&
    (p.status === 'LAPSED' || (p.status === 'CONFISCATED' && stretches.some((s) => s.kind === 'lapsed')))
  ) {
    const lapsedOn = addDays(validThrough, 1);
    markers.push({ kind: 'lapse', date: lapsedOn, at: at(lapsedOn) });
  }
  if (p.confiscation && confiscatedOn)
    markers.push({
      kind: 'confiscate',
      date: confiscatedOn,
      at: at(confiscatedOn),
      detail: p.confiscation.reason,
    });
  markers.sort((a, b) =>
    a.date === b.date ? KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) : a.date < b.date ? -1 : 1,
  );

  return {
    from: issued,
    to: end,
    stretches,
    windows,
    markers,
    today: { date: now, at: now < issued ? null : at(now) },
  };
}
