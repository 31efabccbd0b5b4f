/**
 * Who is asking: the verified claims of a bearer token. An office (public security, a delegated
 * agency, a department, an auditor, a government) acts for a region; a permit holder (SPEC
 * "Holders, consent and receipts") has no region and acts only on their own records, named by
 * the ID number in their token. The union makes "does this caller cover that region?" a question
 * only an office can be asked: code that needs a region goes through officeRegion().
 */
import { maskCitizenId, type CitizenIdNumber, type Department, type OfficeRole, type Region } from '../law';
import { forbidden } from './errors';

export interface OfficeCaller {
  readonly role: OfficeRole;
  readonly sub: string;
  readonly region: Region;
  readonly department: Department | null;
  /** entitlement codes a DEPARTMENT may verify */
  readonly scope: ReadonlySet<string>;
}

export interface HolderCaller {
  readonly role: 'HOLDER';
  readonly sub: string;
  /** a holder covers no region */
  readonly region: null;
  readonly department: null;
  readonly scope: ReadonlySet<string>;
  /** the holder's own ID number, from the identity provider's real-name verification */
  readonly citizenIdNumber: CitizenIdNumber;
}

export type Caller = OfficeCaller | HolderCaller;

/** The region an office acts for; a holder has none, so whatever needs one is refused. */
export function officeRegion(caller: Caller): Region {
  if (caller.role === 'HOLDER') throw forbidden('A permit holder acts for no region');
  return caller.region;
}

export function isHolder(caller: Caller): caller is HolderCaller {
  return caller.role === 'HOLDER';
}

/** The holder acting on their own records; any other caller is refused. */
export function requireHolder(caller: Caller): HolderCaller {
  if (caller.role !== 'HOLDER') throw forbidden('Only a permit holder has records of their own here');
  return caller;
}

/**
 * Who an audit entry names (Art. 22(4)): an office by its token subject; a holder by their masked
 * ID number, never the full number and never their subject (an identity provider may use the
 * number itself as subject).
 */
export function auditActor(caller: Pick<Caller, 'sub' | 'role'> & { citizenIdNumber?: string }): string {
  if (caller.role === 'HOLDER') return maskCitizenId(caller.citizenIdNumber ?? '');
  return caller.sub.slice(0, 128);
}
