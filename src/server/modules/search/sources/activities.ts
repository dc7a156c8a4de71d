import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '@server/db/client';
import type { SearchDoc } from '../search.index';
import { htmlToText } from '../search.text';
import { idList, indexAllWith, indexWith, refreshWith, rowsOf, yearOf, type RefreshOptions, type Source } from './source';

interface Row {
  id: number;
  org_id: number;
  type: string;
  topic: string;
  organizer_name: string;
  place: string;
  agenda: string;
  minutes: string;
  status: string;
  year: number | null;
  updated_at: Date | string;
  partner_org_ids: Array<number | string> | null;
}

/**
 * 活动: the topic is the title; agenda, organizer, place and minutes (纪要) are the body; the year is the start day's
 * (China time). Who sees it is decided live in search.repo.ts (the host's readers, its invitees, and the staff
 * and invitees of accepted partner organizations), so the row carries no permission of its own; it carries the
 * organization tokens of the host and of every organization ever invited (joint-commands.ts inviteOrg re-indexes).
 */
export const activitySource: Source<Row> = {
  kind: 'activity',
  table: 'activities',
  load: (db, ids) =>
    rowsOf<Row>(
      db,
      sql`select a.id, a.org_id, a.type, a.topic, a.organizer_name, a.place, a.agenda, a.minutes, a.status, a.updated_at,
        extract(year from a.starts_at at time zone 'Asia/Shanghai')::int as year,
        (select array_agg(j.org_id) from activity_orgs j where j.activity_id = a.id) as partner_org_ids
      from activities a where a.id in ${idList(ids)}`,
    ),
  toDoc: (r): SearchDoc => ({
    orgId: Number(r.org_id),
    kind: 'activity',
    recordId: Number(r.id),
    title: r.topic || '（无主题）',
    label: r.type,
    content: [htmlToText(r.agenda), r.organizer_name, r.place, htmlToText(r.minutes)].filter(Boolean).join('\n'),
    year: yearOf(r.year),
    categoryId: null,
    unitIds: [],
    status: r.status,
    visibility: 'internal',
    replyGrade: null,
    replyExcerpt: '',
    recordUpdatedAt: new Date(r.updated_at),
    sharedWith: (r.partner_org_ids ?? []).map(Number),
  }),
};

export const indexActivities = (db: DbOrTx, ids: number[]) => indexWith(activitySource, db, ids);
export const indexAllActivities = (db: DbOrTx) => indexAllWith(activitySource, db);
export const refreshActivities = (database: Database, opts: RefreshOptions = {}) => refreshWith(activitySource, database, opts);
