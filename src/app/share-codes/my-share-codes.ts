/** `myShareCodes`: the holder's live codes (id, expiry, bindings; the code only as ******XY). */
import { holderIdByCitizenIdNumber } from '../../db/holders';
import { liveShareCodes } from '../../db/share-codes';
import { requireHolder } from '../caller';
import { now, type Scope } from '../scope';
import { shareCodeView, type ShareCodeView } from './view';

export async function myShareCodes(s: Scope): Promise<ShareCodeView[]> {
  const caller = requireHolder(s.caller);
  const holderId = await holderIdByCitizenIdNumber(s.em, caller.citizenIdNumber);
  if (holderId === null) return [];
  return (await liveShareCodes(s.em, holderId, now(s).toISOString())).map((r) => shareCodeView(r));
}
