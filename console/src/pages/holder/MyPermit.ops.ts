/** 我的居住证: the holder's own file (`me`), its permits with status, valid through and the next window. */
import { graphql } from '../../gql';

export const MyPermit = graphql(`
  query MyPermit {
    me {
      id
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
      }
    }
  }
`);
