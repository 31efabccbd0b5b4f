/** 审计日志: the audit log in pages (first/after = the last entry's sequence), with its filters. */
import { graphql } from '../../gql';

export const AuditLogPage = graphql(`
  query AuditLogPage(
    $first: Int
    $after: Int
    $action: String
    $role: String
    $subject: String
    $from: Date
    $to: Date
  ) {
    auditLog(
      first: $first
      after: $after
      action: $action
      role: $role
      subject: $subject
      from: $from
      to: $to
    ) {
      sequence
      at
      actor
      role
      action
      subject
      outcome
      hash
    }
  }
`);
