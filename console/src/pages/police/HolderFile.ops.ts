/** 持证人档案: the holder's whole file by ID number, and the search by name (PUBLIC_SECURITY). */
import { graphql } from '../../gql';

export const HolderFileDoc = graphql(`
  query HolderFile($citizenIdNumber: String!) {
    permitHolder(citizenIdNumber: $citizenIdNumber) {
      id
      citizenIdNumber
      name
      sex
      birthDate
      hukouAddress
      residenceRegion {
        code
        nameZh
      }
      residenceAddress
      dependents {
        citizenIdNumber
        name
        birthDate
      }
      registrations {
        id
        registeredOn
        region {
          code
          nameZh
        }
        basis
        eligibleToApplyOn
      }
      residenceHistory {
        id
        kind
        effectiveOn
        region {
          code
          nameZh
        }
        address
        basis
        proofKind
        proofReference
      }
      applications {
        id
        appliedOn
        status
        issueDeadline
        deadlineProvisional
        overdue
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
      violations {
        id
        occurredOn
        warning
        fineYuan
        illegalGainsYuan
        citation {
          article
          paragraph
          clause
          textZh
        }
      }
      permits {
        id
        issuedOn
        issuingAuthority
        cardVersion
        region {
          code
          nameZh
        }
        status
        validThrough
        endorsementWindow {
          from
          to
          provisional
        }
        endorsementWindows {
          from
          to
          provisional
        }
        endorsements {
          endorsedOn
          extendsValidityThrough
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
          issuedOn
        }
        confiscation {
          confiscatedOn
          reason
        }
      }
    }
  }
`);

export const SearchHoldersDoc = graphql(`
  query SearchHolders($name: String!, $first: Int, $after: ID) {
    searchHolders(name: $name, first: $first, after: $after) {
      id
      citizenIdNumber
      name
      birthDate
      residenceRegion {
        code
        nameZh
      }
      residenceAddress
    }
  }
`);
