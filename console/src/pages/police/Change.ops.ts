/** 变更登记 (Art. 14 para 1): a move of the residence recorded on the permit. */
import { graphql } from '../../gql';

export const ChangeResidence = graphql(`
  mutation ChangeResidence($input: ChangeResidenceInput!) {
    changeResidence(input: $input) {
      ...ChangesPermitFields
    }
  }
`);
