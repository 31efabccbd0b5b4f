/**
 * Art. 23: a stored decision as it was answered. The one place a decision row becomes a
 * DecisionView (affectedDecisions, decisionsMade, decisionsToReview all go through it); the body's
 * formats (compact, and the JSON of rows written before migration 20261202000100, with or without
 * the decision time, department and masked ID number) are read in src/db/reasons.ts.
 */
import type { DecisionRow } from '../../db/entities';
import { loadDecision } from '../../db/reasons';
import type { DecisionView } from '../verification';

export function decisionFromRow(row: DecisionRow): DecisionView {
  return loadDecision(row);
}
