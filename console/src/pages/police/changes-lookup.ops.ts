/** The holder lookup of 变更登记, 挂失/补领 and 子女登记: `permitHolder` with what the three pages show. */
import { graphql } from '../../gql';

export const ChangesPermitFields = graphql(`
  fragment ChangesPermitFields on Permit {
    id
    issuedOn
    issuingAuthority
    cardVersion
    status
    validThrough
    endorsementWindow {
      from
      to
      provisional
    }
    region {
      code
      nameZh
      kind
    }
    moves {
      changedOn
      fromRegion {
        code
        nameZh
      }
      toRegion {
        code
        nameZh
      }
      address
      changeRegistration
    }
    replacementRequests {
      id
      kind
      reportedOn
      deadline
      deadlineProvisional
      issuedOn
    }
  }
`);

export const ChangesHolder = graphql(`
  query ChangesHolder($citizenIdNumber: String!) {
    permitHolder(citizenIdNumber: $citizenIdNumber) {
      id
      citizenIdNumber
      name
      hukouAddress
      residenceRegion {
        code
        nameZh
        kind
      }
      residenceAddress
      permits {
        ...ChangesPermitFields
      }
      dependents {
        citizenIdNumber
        name
        birthDate
      }
    }
  }
`);

export const ChangesRegions = graphql(`
  query ChangesRegions {
    regions {
      code
      nameZh
      kind
    }
  }
`);
