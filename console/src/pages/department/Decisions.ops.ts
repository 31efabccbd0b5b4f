/** 已核验记录: the decisions this department (or office) made, newest first, in pages (first/after). */
import { graphql } from '../../gql';

export const DecisionsMade = graphql(`
  query DecisionsMade($first: Int, $after: ID) {
    decisionsMade(first: $first, after: $after) {
      ...DecisionFields
    }
  }
`);
