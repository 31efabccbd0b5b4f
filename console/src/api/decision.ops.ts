/** What every page shows of a decision: the check page, the lists and the printed receipt. */
import { graphql } from '../gql';

export const DecisionFields = graphql(`
  fragment DecisionFields on EligibilityDecision {
    decisionId
    eligible
    entitlementCode
    asOf
    rulesVersion
    receipt
    permit {
      maskedCitizenIdNumber
      status
      validThrough
      region {
        code
        nameZh
      }
    }
    reasons {
      code
      passed
      messageZh
      messageEn
      citation {
        article
        paragraph
        clause
        textZh
      }
    }
  }
`);

export const EntitlementList = graphql(`
  query EntitlementList($asOf: Date) {
    entitlements(asOf: $asOf) {
      code
      nameZh
      nameEn
      department
    }
  }
`);
