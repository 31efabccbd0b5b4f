/** 签注: the permits whose window is open in a range, a holder's current permit by ID number, 签注. */
import { graphql } from '../../gql';

export const EndorsePermitFields = graphql(`
  fragment EndorsePermitFields on Permit {
    id
    issuedOn
    cardVersion
    status
    validThrough
    endorsementWindow {
      from
      to
      provisional
    }
    region {
      code
      nameZh
    }
    endorsements {
      endorsedOn
      extendsValidityThrough
    }
  }
`);

export const EndorsementsDue = graphql(`
  query EndorsementsDue($from: Date!, $to: Date!, $first: Int, $after: ID) {
    endorsementsDue(from: $from, to: $to, first: $first, after: $after) {
      ...EndorsePermitFields
      holder {
        id
        citizenIdNumber
        name
        residenceAddress
      }
    }
  }
`);

export const EndorseHolder = graphql(`
  query EndorseHolder($citizenIdNumber: String!) {
    permitHolder(citizenIdNumber: $citizenIdNumber) {
      id
      citizenIdNumber
      name
      residenceAddress
      residenceRegion {
        code
        nameZh
      }
      permits {
        ...EndorsePermitFields
      }
    }
  }
`);

export const EndorsePermit = graphql(`
  mutation EndorsePermit($permitId: ID!, $endorsedOn: Date) {
    endorsePermit(permitId: $permitId, endorsedOn: $endorsedOn) {
      ...EndorsePermitFields
    }
  }
`);
