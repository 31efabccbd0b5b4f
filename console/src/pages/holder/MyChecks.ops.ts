/** 核验记录: every eligibility check made about the holder, newest first, in pages (first/after). */
import { graphql } from '../../gql';

export const MyVerifications = graphql(`
  query MyVerifications($first: Int, $after: ID) {
    myVerifications(first: $first, after: $after) {
      decisionId
      at
      role
      department
      callerRegion {
        code
        nameZh
      }
      entitlementCode
      asOf
      eligible
      byShareCode
    }
  }
`);
