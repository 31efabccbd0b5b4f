/** 资格核验: by ID number and name, or by the holder's share code (亮证码). */
import { graphql } from '../../gql';

export const VerifyEligibility = graphql(`
  query VerifyEligibility($query: EligibilityQuery!) {
    verifyEligibility(query: $query) {
      ...DecisionFields
    }
  }
`);

export const VerifyByShareCode = graphql(`
  query VerifyByShareCode($code: String!, $entitlement: ID!, $asOf: Date, $dependent: String) {
    verifyEligibilityByShareCode(
      code: $code
      entitlement: $entitlement
      asOf: $asOf
      dependentCitizenIdNumber: $dependent
    ) {
      ...DecisionFields
    }
  }
`);
