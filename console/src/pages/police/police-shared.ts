/** What the police pages share beyond their own strings. */

/**
 * The permit that counts today: the one issued last (a lapsed holder who applied again has several;
 * on the same day, the higher id).
 */
export function currentPermit<P extends { id: string; issuedOn: string }>(permits: readonly P[]): P | null {
  let best: P | null = null;
  for (const p of permits)
    if (
      !best ||
      p.issuedOn > best.issuedOn ||
      (p.issuedOn === best.issuedOn && Number(p.id) > Number(best.id))
    )
      best = p;
  return best;
}
