/**
 * Art. 23: a stored decision as it was answered. The one place a decision row becomes a
 * DecisionView (affectedDecisions, decisionsMade, decisionsToReview all go through it). Rows from
 * before receipts lack the decision time, department and masked ID number in their body: those
 * come from the row's columns and the permit summary.
 */
import type { Department } from '../../law';
import type { DecisionRow } from '../../db/entities';
import type { DecisionView } from '../verification';

export function decisionFromRow(row: DecisionRow): DecisionView {
  const body = JSON.parse(row.body) as Omit<DecisionView, 'at' | 'department' | 'maskedCitizenIdNumber'> &
    Partial<DecisionView>;
  return {
    ...body,
    at: body.at ?? new Date(row.createdAt).toISOString(),
    department: body.department !== undefined ? body.department : (row.department as Department | null),
    maskedCitizenIdNumber: body.maskedCitizenIdNumber ?? body.permit?.maskedCitizenIdNumber ?? null,
  };
}
