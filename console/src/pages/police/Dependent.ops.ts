/** 子女登记 (Art. 18(7)): a holder's child, for the school's check. */
import { graphql } from '../../gql';

export const AddDependent = graphql(`
  mutation AddDependent($input: AddDependentInput!) {
    addDependent(input: $input) {
      citizenIdNumber
      name
      birthDate
    }
  }
`);
