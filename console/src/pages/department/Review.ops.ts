/** 待复核: this department's positive decisions on permits confiscated since (Art. 21 para 2). */
import { graphql } from '../../gql';

export const DecisionsToReview = graphql(`
  query DecisionsToReview($first: Int, $after: ID) {
    decisionsToReview(first: $first, after: $after) {
      ...DecisionFields
    }
  }
`);
