/** 地方事项 (ADMIN): the region's local items (Art. 18(12), 19(6)), defining one and ending one. */
import { graphql } from '../../gql';

export const LocalEntitlementFields = graphql(`
  fragment LocalEntitlementFields on Entitlement {
    code
    kind
    nameZh
    nameEn
    department
    effectiveFrom
    effectiveUntil
    region {
      code
      nameZh
      kind
    }
    citation {
      article
      paragraph
      clause
      textZh
    }
  }
`);

export const LocalEntitlements = graphql(`
  query LocalEntitlements($first: Int, $after: ID) {
    localEntitlements(first: $first, after: $after) {
      ...LocalEntitlementFields
    }
  }
`);

export const AdminRegions = graphql(`
  query AdminRegions {
    regions {
      code
      nameZh
      kind
    }
  }
`);

export const DefineLocalEntitlement = graphql(`
  mutation DefineLocalEntitlement($input: DefineLocalEntitlementInput!) {
    defineLocalEntitlement(input: $input) {
      ...LocalEntitlementFields
    }
  }
`);

export const EndLocalEntitlement = graphql(`
  mutation EndLocalEntitlement($code: ID!, $effectiveUntil: Date!) {
    endLocalEntitlement(code: $code, effectiveUntil: $effectiveUntil) {
      ...LocalEntitlementFields
    }
  }
`);
