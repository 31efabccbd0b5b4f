/** 违法处理 and 收缴 both start with 按公民身份号码查询: the holder's name, permits and penalties. */
import { graphql } from '../../gql';

export const EnforceHolder = graphql(`
  query EnforceHolder($citizenIdNumber: String!) {
    permitHolder(citizenIdNumber: $citizenIdNumber) {
      id
      citizenIdNumber
      name
      residenceRegion {
        code
        nameZh
      }
      residenceAddress
      permits {
        id
        issuedOn
        cardVersion
        status
        validThrough
        region {
          code
          nameZh
        }
        confiscation {
          confiscatedOn
          reason
        }
      }
      violations {
        id
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
  }
`);
