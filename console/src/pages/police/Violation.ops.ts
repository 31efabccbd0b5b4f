/** 违法处理 (Art. 20–21): record a penalty on a citizen ID number (PUBLIC_SECURITY only). */
import { graphql } from '../../gql';

export const RecordViolation = graphql(`
  mutation RecordViolation($input: RecordViolationInput!) {
    recordViolation(input: $input) {
      id
      citizenIdNumber
      citation {
        article
        paragraph
        clause
        textZh
      }
      warning
      fineYuan
      illegalGainsYuan
      occurredOn
    }
  }
`);
