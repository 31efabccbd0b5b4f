/**
 * Art. 23: a stored decision as it was answered. The one place a decision row becomes a
 * DecisionView (affectedDecisions, decisionsMade, decisionsToReview all go through it).
 */
import type { DecisionRow } from '../../db/entities';
import type { DecisionView } from '../verification';

export function decisionFromRow(r: DecisionRow): DecisionView {
  return JSON.parse(r.body) as DecisionView;
}
