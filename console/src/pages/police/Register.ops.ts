/** 居住登记 (Art. 8–9): the regions to choose from and the registration. */
import { graphql } from '../../gql';

export const IntakeRegions = graphql(`
  query IntakeRegions {
    regions {
      code
      nameZh
      kind
    }
  }
`);

export const RegisterResidence = graphql(`
  mutation RegisterResidence($input: RegisterResidenceInput!) {
    registerResidence(input: $input) {
      id
      registeredOn
      eligibleToApplyOn
      basis
      region {
        code
        nameZh
      }
      holder {
        id
        name
        citizenIdNumber
      }
    }
  }
`);
