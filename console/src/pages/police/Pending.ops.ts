/** 待发证: open applications in deadline order (the overdue first), the overdue only, and 发证. */
import { graphql } from '../../gql';

export const PendingApplicationFields = graphql(`
  fragment PendingApplicationFields on PermitApplication {
    id
    appliedOn
    status
    issueDeadline
    deadlineProvisional
    overdue(asOf: $asOf)
    holder {
      id
      citizenIdNumber
      name
      residenceAddress
      residenceRegion {
        code
        nameZh
      }
    }
  }
`);

export const OpenApplications = graphql(`
  query OpenApplications($asOf: Date, $first: Int, $after: ID) {
    openApplications(asOf: $asOf, first: $first, after: $after) {
      ...PendingApplicationFields
    }
  }
`);

export const OverdueApplications = graphql(`
  query OverdueApplications($asOf: Date, $first: Int, $after: ID) {
    overdueApplications(asOf: $asOf, first: $first, after: $after) {
      ...PendingApplicationFields
    }
  }
`);

export const IssuePermit = graphql(`
  mutation IssuePermit($applicationId: ID!, $issuedOn: Date) {
    issuePermit(applicationId: $applicationId, issuedOn: $issuedOn) {
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
      }
      holder {
        id
        citizenIdNumber
        name
      }
    }
  }
`);
