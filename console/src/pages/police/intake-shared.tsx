/**
 * What 居住登记, 申领受理 and 受理回执 share: their strings by the page's language, the bases of
 * Art. 2, the regions the office may register in, and the accepted application handed to the
 * receipt page through sessionStorage (never in the URL: the ID number stays out of history and
 * logs). Refusals: `PoliceRefusal` in police-refusal.tsx.
 */
import { useEffect, useState } from 'react';
import { request } from '../../api/client';
import { resolveRegionCode } from '../../../../src/law/regions';
import { getSession } from '../../auth/session';
import { type CitationLike } from '../../fields';
import { useI18n, type Locale } from '../../i18n';
import { intakeEn } from '../../i18n/police-intake.en';
import { intakeZhCN, type IntakeStrings } from '../../i18n/police-intake.zh-CN';
import type { ResidenceBasis } from '../../gql/graphql';
import { IntakeRegions } from './Register.ops';

export const intakeStrings = (locale: Locale): IntakeStrings => (locale === 'en' ? intakeEn : intakeZhCN);

export function useIntake() {
  const i = useI18n();
  return { ...i, s: intakeStrings(i.locale) };
}

export const BASES: readonly ResidenceBasis[] = ['STABLE_EMPLOYMENT', 'STABLE_RESIDENCE', 'CONTINUOUS_STUDY'];

export function basisText(s: IntakeStrings, b: ResidenceBasis): string {
  return s[`basis${b}`];
}

export interface RegionOption {
  code: string;
  nameZh: string;
}

/**
 * Art. 8: the office registers residences in its own region: the city bureau in every district and
 * county, a district or county office (or the agency it delegates to) in its own. Never the city
 * itself (the server asks for the district or county).
 */
export function useOfficeRegions(): { regions: RegionOption[]; error: unknown } {
  const [regions, setRegions] = useState<RegionOption[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const mine = getSession()?.region ?? '';
    request(IntakeRegions).then(
      (d) =>
        setRegions(
          d.regions.filter(
            (r) =>
              r.kind !== 'CITY' &&
              (r.code === mine || (mine.endsWith('00') && r.code.startsWith(mine.slice(0, 4)))),
          ),
        ),
      (e: unknown) => setError(e),
    );
  }, []);
  return { regions, error };
}

const RECEIPT_KEY = 'luoyang.console.acceptance-receipt';

/** What the receipt prints: the application as answered, the applicant, the office. */
export interface AcceptanceReceiptState {
  readonly applicationId: string;
  readonly status: string;
  readonly appliedOn: string;
  readonly issueDeadline: string | null;
  readonly deadlineProvisional: boolean;
  readonly name: string;
  readonly citizenIdNumber: string;
  readonly residence: string;
  readonly office: string;
  readonly citations: readonly CitationLike[];
}

export function storeReceipt(state: AcceptanceReceiptState): void {
  sessionStorage.setItem(RECEIPT_KEY, JSON.stringify(state));
}

export function storedReceipt(): AcceptanceReceiptState | null {
  const raw = sessionStorage.getItem(RECEIPT_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as AcceptanceReceiptState;
  } catch {
    return null;
  }
}

/** The office as the receipt names it: the signed-in caller's label, after its region unless the label names it. */
export function officeName(): string {
  const sess = getSession();
  const label = sess?.label ?? '';
  const region = sess?.region ? resolveRegionCode(sess.region)?.nameZh : undefined;
  if (!region || label.includes(region)) return label;
  // 市公安局 of 洛阳市: 洛阳市公安局
  if (region.endsWith('市') && label.startsWith('市')) return `${region.slice(0, -1)}${label}`;
  return `${region}${label}`;
}

/** The residence as one line: the address, after its district or county unless the address names it. */
export function residenceLine(regionName: string, address: string): string {
  return address.includes(regionName) ? address : `${regionName}${address}`;
}
