/** Who is asking: the verified claims of a bearer token. */
import type { Department, Region, Role } from '../law';

export interface Caller {
  readonly sub: string;
  readonly role: Role;
  readonly region: Region;
  readonly department: Department | null;
  /** entitlement codes a DEPARTMENT may verify */
  readonly scope: ReadonlySet<string>;
}
