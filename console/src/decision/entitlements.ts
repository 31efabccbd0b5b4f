/** The entitlements a caller may check: a DEPARTMENT those in its token's scope; the offices all. */
import { useEffect, useState } from 'react';
import { request } from '../api/client';
import { EntitlementList } from '../api/decision.ops';
import type { EntitlementListQuery } from '../gql/graphql';
import { getSession } from '../auth/session';

export type EntitlementOption = EntitlementListQuery['entitlements'][number];

/** Child enrolment (Art. 18(7)) is the one check that names a child. */
export const CHILD_ENTITLEMENT = 'CHILD_EDUCATION_AND_ZHONGKAO';

export function useEntitlements(asOf?: string): {
  entitlements: EntitlementOption[];
  error: unknown;
  loading: boolean;
} {
  const [state, setState] = useState<{ entitlements: EntitlementOption[]; error: unknown; loading: boolean }>(
    {
      entitlements: [],
      error: null,
      loading: true,
    },
  );
  useEffect(() => {
    let live = true;
    const s = getSession();
    request(EntitlementList, { asOf }).then(
      (d) => {
        const all = d.entitlements;
        const mine = s?.role === 'DEPARTMENT' ? all.filter((e) => s.entitlements.includes(e.code)) : all;
        if (live) setState({ entitlements: mine, error: null, loading: false });
      },
      (e: unknown) => live && setState({ entitlements: [], error: e, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [asOf]);
  return state;
}

export function entitlementName(list: readonly EntitlementOption[], code: string, locale: string): string {
  const e = list.find((x) => x.code === code);
  return e ? (locale === 'en' ? e.nameEn : e.nameZh) : code;
}
