/** 挂失/补领 (Art. 14 para 2): a loss or damage report, then the new card. */
import { graphql } from '../../gql';

export const ReportPermitLoss = graphql(`
  mutation ReportPermitLoss($permitId: ID!, $kind: LossKind!, $reportedOn: Date) {
    reportPermitLoss(permitId: $permitId, kind: $kind, reportedOn: $reportedOn) {
      id
      kind
      reportedOn
      deadline
      deadlineProvisional
      issuedOn
    }
  }
`);

export const IssueReplacement = graphql(`
  mutation IssueReplacement($requestId: ID!, $issuedOn: Date) {
    issueReplacement(requestId: $requestId, issuedOn: $issuedOn) {
      ...ChangesPermitFields
    }
  }
`);
