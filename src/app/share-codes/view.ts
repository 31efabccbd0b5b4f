/** A share code as the holder sees it: in full only in the answer to createShareCode. */
import type { ShareCodeRow } from '../../db/entities';
import { maskedCode } from './code';

export interface ShareCodeView {
  id: string;
  code: string;
  expiresAt: string;
  entitlement: string | null;
  department: string | null;
}

export function shareCodeView(row: ShareCodeRow, fullCode?: string): ShareCodeView {
  return {
    id: String(row.id),
    code: fullCode ?? maskedCode(row.lastTwo),
    expiresAt: row.expiresAt,
    entitlement: row.entitlementCode,
    department: row.department,
  };
}

export const MAX_LIVE_CODES = 5;
export const TTL = { min: 60, max: 1800, default: 300 } as const;
