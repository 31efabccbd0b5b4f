/** 收缴 (Art. 21 para 2): confiscate a permit, then the decisions on it for departments to review. */
import { graphql } from '../../gql';

export const ConfiscatePermit = graphql(`
  mutation ConfiscatePermit($permitId: ID!, $reason: String!, $confiscatedOn: Date) {
    confiscatePermit(permitId: $permitId, reason: $reason, confiscatedOn: $confiscatedOn) {
      id
      status
      confiscation {
        confiscatedOn
        reason
      }
    }
  }
`);

export const AffectedDecisions = graphql(`
  query AffectedDecisions($permitId: ID!, $first: Int, $after: ID) {
    affectedDecisions(permitId: $permitId, first: $first, after: $after) {
      decisionId
      eligible
      entitlementCode
      asOf
    }
  }
`);

/** which department each entitlement belongs to (the list shows the department to review) */
export const EnforceEntitlements = graphql(`
  query EnforceEntitlements {
    entitlements {
      code
      nameZh
      nameEn
      department
    }
  }
`);
