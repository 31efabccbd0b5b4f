/** Test people with valid ID numbers (ISO 7064 MOD 11-2 check characters). */
import { composeCitizenId } from '../../src/law';

export const idNumber = (region: string, birth: string, seq: number): string =>
  composeCitizenId(region, birth, seq);

export const REGISTER = `mutation($input: RegisterResidenceInput!) { registerResidence(input: $input) { id eligibleToApplyOn holder { id } } }`;
export const APPLY = `mutation($input: ApplyForPermitInput!) { applyForPermit(input: $input) { id status issueDeadline reasons { code passed } } }`;
export const ISSUE = `mutation($id: ID!, $on: Date) { issuePermit(applicationId: $id, issuedOn: $on) { id status validThrough } }`;
export const ADD_DEPENDENT = `mutation($input: AddDependentInput!) { addDependent(input: $input) { citizenIdNumber birthDate } }`;

export function registration(
  citizenIdNumber: string,
  name: string,
  regionCode: string,
  registeredOn: string,
) {
  return {
    citizenIdNumber,
    name,
    hukouRegionCode: citizenIdNumber.slice(0, 6),
    hukouAddress: '南阳市卧龙区测试路1号',
    residenceRegionCode: regionCode,
    residenceAddress: '测试街1号',
    basis: ['STABLE_EMPLOYMENT'],
    proofKind: '劳动合同',
    proofReference: 'T-1',
    portraitCaptured: true,
    registeredOn,
  };
}
