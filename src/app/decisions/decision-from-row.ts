/**
 * Art. 23: a stored decision as it was answered. The one place a decision row becomes a
 * DecisionView (affectedDecisions, decisionsMade, decisionsToReview all go through it); the body's
 * formats (compact, and the JSON of rows written before migration 20261202000100, with or without
 * the decision time, department and masked ID number) are read in src/db/reasons.ts.
 */
import type { DecisionRow } from '../../db/entities';
import { loadDecision, type StoredDecision } from '../../db/reasons';
import type { DecisionView, PermitSummaryView } from '../verification';

// The stored body keeps every field of the answer: a field added to DecisionView (or its permit
// summary) that src/db/reasons.ts does not store fails to compile here.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const _storesEveryField: SameKeys<DecisionView, StoredDecision> = true;
const _storesEveryPermitField: SameKeys<PermitSummaryView, NonNullable<StoredDecision['permit']>> = true;

export function decisionFromRow(row: DecisionRow): DecisionView {
  return loadDecision(row);
}
