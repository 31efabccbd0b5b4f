/** 申领受理 (Art. 2, 10–11): the person on record and the application. */
import { graphql } from '../../gql';

export const IntakeHolder = graphql(`
  query IntakeHolder($citizenIdNumber: String!) {
    permitHolder(citizenIdNumber: $citizenIdNumber) {
      id
      citizenIdNumber
      name
      sex
      birthDate
      hukouRegionCode
      hukouAddress
      residenceRegion {
        code
        nameZh
      }
      residenceAddress
      registrations {
        id
        registeredOn
        eligibleToApplyOn
        basis
        region {
          code
          nameZh
        }
      }
      applications {
        id
        appliedOn
        status
        issueDeadline
      }
    }
  }
`);

export const ApplyForPermit = graphql(`
  mutation ApplyForPermit($input: ApplyForPermitInput!) {
    applyForPermit(input: $input) {
      id
      appliedOn
      status
      issueDeadline
      deadlineProvisional
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
      holder {
        id
        name
        citizenIdNumber
        residenceRegion {
          code
          nameZh
        }
        residenceAddress
      }
    }
  }
`);
