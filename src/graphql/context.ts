/** Per-request context: the caller, a scope with its own EntityManager fork, and its own loaders. */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import {
  Application,
  Dependent,
  Holder,
  Violation,
  Permit,
  Replacement,
  ReplacementIssue,
  ResidenceRecord,
  type ApplicationRow,
  type DependentRow,
  type ViolationRow,
  type HolderRow,
  type PermitRow,
  type ReplacementRow,
  type ResidenceRecordRow,
} from '../db/entities';
import type { Caller } from '../app/caller';
import { AppError } from '../app/errors';
import { loadBundles, type PermitBundle } from '../app/facts';
import type { Deps, Scope } from '../app/scope';
import type { ReceiptKeys } from '../app/receipts/keys';

export interface Loaders {
  holder: DataLoader<number, HolderRow | null>;
  residence: DataLoader<number, ResidenceRecordRow | null>;
  bundlesByHolder: DataLoader<number, PermitBundle[]>;
  bundle: DataLoader<number, PermitBundle | null>;
  dependents: DataLoader<number, DependentRow[]>;
  permitByApplication: DataLoader<number, PermitRow | null>;
  replacementsByPermit: DataLoader<number, { request: ReplacementRow; issuedOn: string | null }[]>;
  /** a holder's whole file (issue 11): every residence record, application and violation, oldest first */
  residenceRecordsByHolder: DataLoader<number, ResidenceRecordRow[]>;
  applicationsByHolder: DataLoader<number, ApplicationRow[]>;
  /** by ID number: a violation may have been recorded before the person was registered */
  violationsByCitizenId: DataLoader<string, ViolationRow[]>;
}

function group<K, V>(rows: readonly V[], key: (v: V) => K): Map<K, V[]> {
  const m = new Map<K, V[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
}

export function createLoaders(em: EntityManager): Loaders {
  return {
    holder: new DataLoader(async (ids) => {
      const rows = await em.find(Holder, { id: { $in: [...ids] } });
      const by = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => by.get(id) ?? null);
    }),
    residence: new DataLoader(async (ids) => {
      const rows = await em.find(
        ResidenceRecord,
        { holderId: { $in: [...ids] } },
        { orderBy: { effectiveOn: 'asc', id: 'asc' } },
      );
      const by = group(rows, (r) => r.holderId);
      return ids.map((id) => by.get(id)?.at(-1) ?? null);
    }),
    bundlesByHolder: new DataLoader(async (ids) => {
      const by = group(await loadBundles(em, { holderIds: ids }), (b) => b.permit.holderId);
      return ids.map((id) => by.get(id) ?? []);
    }),
    bundle: new DataLoader(async (ids) => {
      const by = new Map((await loadBundles(em, { permitIds: ids })).map((b) => [b.permit.id, b]));
      return ids.map((id) => by.get(id) ?? null);
    }),
    dependents: new DataLoader(async (ids) => {
      const by = group(
        await em.find(Dependent, { holderId: { $in: [...ids] } }, { orderBy: { id: 'asc' } }),
        (r) => r.holderId,
      );
      return ids.map((id) => by.get(id) ?? []);
    }),
    permitByApplication: new DataLoader(async (ids) => {
      const by = new Map(
        (await em.find(Permit, { applicationId: { $in: [...ids] } })).map((p) => [p.applicationId, p]),
      );
      return ids.map((id) => by.get(id) ?? null);
    }),
    residenceRecordsByHolder: new DataLoader(async (ids) => {
      const by = group(
        await em.find(
          ResidenceRecord,
          { holderId: { $in: [...ids] } },
          { orderBy: { effectiveOn: 'asc', id: 'asc' } },
        ),
        (r) => r.holderId,
      );
      return ids.map((id) => by.get(id) ?? []);
    }),
    applicationsByHolder: new DataLoader(async (ids) => {
      const by = group(
        await em.find(
          Application,
          { holderId: { $in: [...ids] } },
          { orderBy: { appliedOn: 'asc', id: 'asc' } },
        ),
        (r) => r.holderId,
      );
      return ids.map((id) => by.get(id) ?? []);
    }),
    violationsByCitizenId: new DataLoader(async (ids) => {
      const by = group(
        await em.find(
          Violation,
          { citizenIdNumber: { $in: [...ids] } },
          { orderBy: { occurredOn: 'asc', id: 'asc' } },
        ),
        (r) => r.citizenIdNumber,
      );
      return ids.map((id) => by.get(id) ?? []);
    }),
    replacementsByPermit: new DataLoader(async (ids) => {
      const requests = await em.find(
        Replacement,
        { permitId: { $in: [...ids] } },
        { orderBy: { reportedOn: 'asc', id: 'asc' } },
      );
      const issues =
        requests.length === 0
          ? []
          : await em.find(ReplacementIssue, { requestId: { $in: requests.map((r) => r.id) } });
      const issuedOn = new Map(issues.map((i) => [i.requestId, i.issuedOn]));
      const by = group(
        requests.map((request) => ({ request, issuedOn: issuedOn.get(request.id) ?? null })),
        (r) => r.request.permitId,
      );
      return ids.map((id) => by.get(id) ?? []);
    }),
  };
}

export interface GqlContext {
  readonly requestId: string;
  readonly caller: Caller | null;
  readonly em: EntityManager;
  readonly deps: Deps;
  readonly loaders: Loaders;
  /** signs receipts, and the key set that verifies them */
  readonly receipts: ReceiptKeys;
  readonly log?: { info(obj: object, msg: string): void };
}

export function scopeOf(ctx: GqlContext): Scope {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED', 'A bearer token is required');
  return { em: ctx.em, caller: ctx.caller, deps: ctx.deps, log: ctx.log };
}
