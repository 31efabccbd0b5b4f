/**
 * Who may do what (SPEC "Who uses the gateway"), as Articles 4, 5, 12, 18 and 20–22 assign the
 * powers: public security registers, issues and penalises (Art. 4, 20, 21); a delegated agency does
 * the workflow but never penalises (Art. 5); a department verifies (Art. 4 para 2); supervision reads
 * the audit log (Art. 22); a city or county government adds local entitlements (Art. 18(12)); a holder reads their own
 * records and lends a one-time code (SPEC "Holders, consent and receipts", Art. 22(4)).
 */
import { describe, it, expect } from 'vitest';
import { POWERS, ROLES, citationLabel, hasPower, type Power, type Role } from '../../src/law';

const Y = true;
const N = false;

describe('hasPower: the SPEC table, role by role', () => {
  const TABLE: [Power, string, Record<Role, boolean>][] = [
    // power,                     granted by,  PUBLIC_SECURITY, DELEGATED_AGENCY, DEPARTMENT, AUDITOR, ADMIN, HOLDER
    [
      'READ_CATALOGUE',
      '第18条',
      { PUBLIC_SECURITY: Y, DELEGATED_AGENCY: Y, DEPARTMENT: Y, AUDITOR: Y, ADMIN: Y, HOLDER: Y },
    ],
    [
      'VERIFY',
      '第4条第2款',
      { PUBLIC_SECURITY: Y, DELEGATED_AGENCY: Y, DEPARTMENT: Y, AUDITOR: N, ADMIN: N, HOLDER: N },
    ],
    [
      'PERMIT_STATUS',
      '第4条第2款',
      { PUBLIC_SECURITY: Y, DELEGATED_AGENCY: Y, DEPARTMENT: Y, AUDITOR: N, ADMIN: N, HOLDER: N },
    ],
    [
      'READ_PERSONAL_DATA',
      '第22条第4项',
      { PUBLIC_SECURITY: Y, DELEGATED_AGENCY: Y, DEPARTMENT: N, AUDITOR: N, ADMIN: N, HOLDER: N },
    ],
    [
      'SEARCH_HOLDERS',
      '第4条第1款',
      { PUBLIC_SECURITY: Y, DELEGATED_AGENCY: N, DEPARTMENT: N, AUDITOR: N, ADMIN: N, HOLDER: N },
    ],
    [
      'READ_AFFECTED_DECISIONS',
      '第21条第2款',
      { PUBLIC_SECURITY: Y, DELEGATED_AGENCY: N, DEPARTMENT: Y, AUDITOR: N, ADMIN: N, HOLDER: N },
    ],
    [
      'REGISTER_AND_ISSUE',
      '第5条',
      { PUBLIC_SECURITY: Y, DELEGATED_AGENCY: Y, DEPARTMENT: N, AUDITOR: N, ADMIN: N, HOLDER: N },
    ],
    [
      'PENALISE',
      '第20条',
      { PUBLIC_SECURITY: Y, DELEGATED_AGENCY: N, DEPARTMENT: N, AUDITOR: N, ADMIN: N, HOLDER: N },
    ],
    [
      'AUDIT',
      '第22条',
      { PUBLIC_SECURITY: N, DELEGATED_AGENCY: N, DEPARTMENT: N, AUDITOR: Y, ADMIN: N, HOLDER: N },
    ],
    [
      'DEFINE_LOCAL_ENTITLEMENT',
      '第18条第12项',
      { PUBLIC_SECURITY: N, DELEGATED_AGENCY: N, DEPARTMENT: N, AUDITOR: N, ADMIN: Y, HOLDER: N },
    ],
    [
      'READ_DECISIONS_MADE',
      '第23条',
      { PUBLIC_SECURITY: Y, DELEGATED_AGENCY: Y, DEPARTMENT: Y, AUDITOR: N, ADMIN: N, HOLDER: N },
    ],
    [
      'REVIEW_DECISIONS',
      '第21条第2款',
      { PUBLIC_SECURITY: N, DELEGATED_AGENCY: N, DEPARTMENT: Y, AUDITOR: N, ADMIN: N, HOLDER: N },
    ],
    [
      'READ_OWN_RECORDS',
      '第22条第4项',
      { PUBLIC_SECURITY: N, DELEGATED_AGENCY: N, DEPARTMENT: N, AUDITOR: N, ADMIN: N, HOLDER: Y },
    ],
    [
      'SHARE_OWN_PERMIT',
      '第22条第4项',
      { PUBLIC_SECURITY: N, DELEGATED_AGENCY: N, DEPARTMENT: N, AUDITOR: N, ADMIN: N, HOLDER: Y },
    ],
    [
      'VERIFY_BY_SHARE_CODE',
      '第4条第2款',
      { PUBLIC_SECURITY: Y, DELEGATED_AGENCY: Y, DEPARTMENT: Y, AUDITOR: N, ADMIN: N, HOLDER: N },
    ],
  ];

  it('covers every power and every role', () => {
    expect(TABLE.map(([p]) => p).sort()).toEqual(Object.keys(POWERS).sort());
    expect([...ROLES].sort()).toEqual([
      'ADMIN',
      'AUDITOR',
      'DELEGATED_AGENCY',
      'DEPARTMENT',
      'HOLDER',
      'PUBLIC_SECURITY',
    ]);
  });

  it.each(TABLE)('%s (%s)', (power, label, byRole) => {
    expect(citationLabel(POWERS[power].citation)).toBe(label);
    for (const role of ROLES) expect([role, hasPower(role, power)]).toEqual([role, byRole[role]]);
  });
});
