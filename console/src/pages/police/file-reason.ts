/**
 * The one sentence under the timeline bar: why the permit is (not) valid today, with the article it
 * rests on. The status, the last valid day and the windows are the server's; this only words them.
 */
import { addDays, type LocalDate } from '../../../../src/law/date';
import type { PoliceFileStrings } from '../../i18n/police-file.zh-CN';
import type { Timeline, TimelinePermitInput } from './file-timeline';

/** Art. 13 (endorsement and lapse), Art. 21 para 2 (confiscation), Art. 11 (issue). */
export type ReasonArticle = '13' | '21.2' | '11';

export interface PermitReason {
  readonly sentence: string;
  readonly article: ReasonArticle;
}

export function permitReason(s: PoliceFileStrings, p: TimelinePermitInput, tl: Timeline): PermitReason {
  const through = p.validThrough ?? null;
  const last = tl.windows.length > 0 ? tl.windows[tl.windows.length - 1] : null;
  switch (p.status) {
    case 'CONFISCATED':
      return {
        sentence: s.reasonConfiscated(p.confiscation?.confiscatedOn ?? '—', p.confiscation?.reason ?? '—'),
        article: '21.2',
      };
    case 'LAPSED': {
      const lapsedOn = through ? addDays(through as LocalDate, 1) : '—';
      return {
        sentence: last ? s.reasonLapsed(last.from, last.to, lapsedOn) : s.reasonLapsedNoWindow(lapsedOn),
        article: '13',
      };
    }
    case 'NOT_YET_ISSUED':
      return { sentence: s.reasonNotYetIssued(p.issuedOn), article: '11' };
    case 'VALID':
    default:
      if (last && last.kind === 'open')
        return { sentence: s.reasonValidOpen(last.from, last.to), article: '13' };
      if (last && last.kind === 'upcoming')
        return { sentence: s.reasonValid(through ?? last.to, last.from, last.to), article: '13' };
      return { sentence: s.reasonValidNoWindow(through ?? '—'), article: '13' };
  }
}
