import type { Frequency, FulfilmentView, LinkKind, ObligationClock, ObligationCode, ObligationView } from '@common/worksystem';
import type { FulfilmentRow, ObligationRow } from './worksystem.repo';

/** The obligation with its clock and what the caller may do (fields whitelisted). */
export function presentObligation(o: ObligationRow, clock: ObligationClock, total: number, last: string | null, manage: boolean): ObligationView {
  return {
    id: o.id,
    orgId: o.orgId,
    code: o.code as ObligationCode,
    name: o.name,
    description: o.description,
    frequency: o.frequency as Frequency,
    everyMonths: o.everyMonths,
    responsible: o.responsible,
    leaders: o.leaders,
    startDate: o.startDate,
    active: o.active,
    version: o.version,
    fulfilments: total,
    lastFulfilledOn: last,
    clock,
    abilities: { edit: manage, fulfil: manage && o.active },
  };
}

export function presentFulfilment(f: FulfilmentRow, titles: Map<string, string>, manage: boolean): FulfilmentView {
  return {
    id: f.id,
    obligationId: f.obligationId,
    fulfilledOn: f.fulfilledOn,
    note: f.note,
    evidence: f.evidence,
    attachmentRef: f.attachmentRef,
    leaders: f.leaders,
    linkKind: f.linkKind as LinkKind | null,
    linkId: f.linkId,
    linkTitle: f.linkKind && f.linkId != null ? (titles.get(`${f.linkKind}:${f.linkId}`) ?? null) : null,
    version: f.version,
    abilities: { edit: manage },
  };
}
