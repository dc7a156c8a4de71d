/** Whitelists what leaves the server for the duty records, with the caller's abilities. */
import type { z } from 'zod';
import type { DutyEntryView, DutyManualView, DutyRecordView, DutySettingsConfig, DutySource } from '@common/duty';
import type * as repo from './duty.repo';

type Entry = Awaited<ReturnType<typeof repo.memberRecord>>['entries'][number];
type Manual = Awaited<ReturnType<typeof repo.listManual>>[number];

/** The page a point links to (its source record); manual entries are shown on the record itself. */
export function linkOf(sourceType: string, linkId: number): string | null {
  switch (sourceType as DutySource) {
    case 'activity':
    case 'speech':
      return `/activities/${linkId}`;
    case 'proposal':
      return `/proposals/${linkId}`;
    case 'info_report':
      return `/info-reports/${linkId}`;
    case 'studio_duty':
      return `/studios/${linkId}`;
    case 'manual':
    default:
      return null;
  }
}

export const presentEntry = (e: Entry): z.infer<typeof DutyEntryView> => ({
  id: Number(e.id),
  ruleKey: e.rule_key,
  item: e.item,
  condition: e.condition,
  sourceType: e.source_type as DutySource,
  sourceId: Number(e.source_id),
  link: linkOf(e.source_type, Number(e.link_id)),
  title: e.title,
  points: Number(e.points),
  rawPoints: Number(e.raw_points),
  capped: Number(e.points) !== Number(e.raw_points),
  occurredOn: e.occurred_on,
});

export const presentManual = (m: Manual, year: number): z.infer<typeof DutyManualView> => ({
  id: Number(m.id),
  memberId: Number(m.member_id),
  memberName: m.member_name,
  year,
  item: m.item,
  points: Number(m.points),
  count: Number(m.count),
  occurredOn: m.occurred_on,
  note: m.note,
  evidence: m.evidence,
  version: Number(m.version),
  createdBy: m.created_by ?? '',
});

/** Items summed per rule, in the order of the rule table (manual entries last). */
export function itemsOf(entries: Array<z.infer<typeof DutyEntryView>>, config: DutySettingsConfig) {
  const order = new Map(config.rules.map((r, i) => [r.key, i]));
  const by = new Map<string, { ruleKey: string; item: string; count: number; points: number }>();
  for (const e of entries) {
    const k = e.ruleKey === 'manual' ? `manual:${e.item}` : e.ruleKey;
    const cur = by.get(k) ?? { ruleKey: e.ruleKey, item: e.item, count: 0, points: 0 };
    cur.count++;
    cur.points = Math.round((cur.points + e.points) * 100) / 100;
    by.set(k, cur);
  }
  return [...by.values()].sort((a, b) => (order.get(a.ruleKey) ?? 999) - (order.get(b.ruleKey) ?? 999));
}

export type RecordView = z.infer<typeof DutyRecordView>;
