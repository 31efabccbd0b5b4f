/** 亮证: create a share code (CreateShareCodeInput), list the live ones, revoke one. */
import { graphql } from '../../gql';

export const MyShareCodes = graphql(`
  query MyShareCodes {
    myShareCodes {
      id
      code
      expiresAt
      entitlement
      department
    }
  }
`);

export const CreateShareCode = graphql(`
  mutation CreateShareCode($input: CreateShareCodeInput) {
    createShareCode(input: $input) {
      id
      code
      expiresAt
      entitlement
      department
    }
  }
`);

export const RevokeShareCode = graphql(`
  mutation RevokeShareCode($id: ID!) {
    revokeShareCode(id: $id)
  }
`);
