/**
 * `Permit.endorsementWindows(asOf)` (持证人档案's bar, issue 11): every Art. 13 window from year 1
 * through the first one not endorsed by asOf, oldest first, over HTTP on every database. Issued
 * 2024-07-20: A_1 = 2025-07-20 is a Sunday, so window 1 runs 2025-06-21 … 2025-07-21 (the next
 * working day); endorsed 2025-07-01; window 2 runs 2026-06-21 … 2026-07-20 and is missed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import { APPLY, ENDORSE, ISSUE, REGISTER, idNumber, ok, registration } from './helpers';

const DBS = await databases();
const ID = idNumber('411302', '19860606', '616');
const WINDOWS = `query($id: String!, $asOf: Date) {
  permitHolder(citizenIdNumber: $id) { permits { status(asOf: $asOf) endorsementWindows(asOf: $asOf) { from to } } }
}`;

describe.each(DBS)('endorsement windows of a permit on %s', (db) => {
  let g: TestGateway;
  let ps = '';
  beforeAll(async () => {
    g = await startGateway(db);
    ps = await g.token(CALLERS.psLaocheng);
    await ok(g, REGISTER, { input: registration(ID, '王芳', '410302', '2024-01-10') }, ps);
    const a = (await ok(g, APPLY, { input: { citizenIdNumber: ID, appliedOn: '2024-07-15' } }, ps))
      .applyForPermit;
    const permitId = (await ok(g, ISSUE, { id: a.id, on: '2024-07-20' }, ps)).issuePermit.id;
    await ok(g, ENDORSE, { id: permitId, on: '2025-07-01' }, ps);
  });
  afterAll(async () => {
    await g?.stop();
  });

  const windowsOn = async (asOf: string) =>
    (await ok(g, WINDOWS, { id: ID, asOf }, ps)).permitHolder.permits[0];

  it('before the first endorsement: the first window only', async () => {
    expect(await windowsOn('2025-05-01')).toEqual({
      status: 'VALID',
      endorsementWindows: [{ from: '2025-06-21', to: '2025-07-21' }],
    });
  });

  it('endorsed once: the endorsed window and the next, which closed unendorsed (lapsed)', async () => {
    const w = [
      { from: '2025-06-21', to: '2025-07-21' },
      { from: '2026-06-21', to: '2026-07-20' },
    ];
    expect(await windowsOn('2025-12-01')).toEqual({ status: 'VALID', endorsementWindows: w });
    expect(await windowsOn('2026-11-28')).toEqual({ status: 'LAPSED', endorsementWindows: w });
  });
});
