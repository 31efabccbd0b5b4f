/**
 * verifyEligibilityBatch with the signed-in token, for the bulk page (批量核验): up to 1000 queries,
 * answers in the order asked. The lead passes `runBatch` to BulkCheck at merge.
 */
import { graphql } from '../gql';
import type { DecisionFieldsFragment, EligibilityQuery } from '../gql/graphql';
import { request } from './client';

export const VerifyEligibilityBatch = graphql(`
  query VerifyEligibilityBatch($queries: [EligibilityQuery!]!) {
    verifyEligibilityBatch(queries: $queries) {
      ...DecisionFields
    }
  }
`);

export async function runBatch(queries: EligibilityQuery[]): Promise<DecisionFieldsFragment[]> {
  if (queries.length === 0) return [];
  return (await request(VerifyEligibilityBatch, { queries })).verifyEligibilityBatch;
}
