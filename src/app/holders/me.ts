/** `me`: the holder's own file, the same PermitHolder a public-security office sees; audited (Art. 22(4)). */
import { maskCitizenId } from '../../law';
import type { HolderRow } from '../../db/entities';
import { holderByCitizenIdNumber } from '../../db/holders';
import { requireHolder } from '../caller';
import { audited, type Scope } from '../scope';

/** null when the register has no file under the holder's ID number. */
export async function me(s: Scope): Promise<HolderRow | null> {
  const caller = requireHolder(s.caller);
  const holder = await holderByCitizenIdNumber(s.em, caller.citizenIdNumber);
  await audited(s, [
    {
      action: 'READ_OWN_FILE',
      subject: maskCitizenId(caller.citizenIdNumber),
      outcome: holder ? 'READ' : 'NOT_FOUND',
    },
  ]);
  return holder;
}
