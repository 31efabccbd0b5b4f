/** 校验审计链: one stretch of the chain check (fromSequence/limit → nextSequence), with the recorded head. */
import { graphql } from '../../gql';

export const AuditChainStretch = graphql(`
  query AuditChainStretch($fromSequence: Int, $limit: Int, $expectHead: AuditHeadInput) {
    verifyAuditChain(fromSequence: $fromSequence, limit: $limit, expectHead: $expectHead) {
      entries
      intact
      firstBrokenAt
      headSequence
      headHash
      expectedHeadFound
      nextSequence
    }
  }
`);
