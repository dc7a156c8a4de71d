/**
 * Social-conditions information (社情民意信息): states, the transition table, labels and API shapes shared by the
 * server and the web. The server refuses any action not in the table (409 naming the current state and the
 * allowed ones); every report view carries the caller's `abilities`, computed from the same table.
 */
import { z } from 'zod';
import type { Role } from './roles';

type Label = { zh: string; en: string };

// ── Roles ────────────────────────────────────────────────────
/** The information office (信息科) and the organization's admin: edit, issue, record adoptions and instructions. */
export const INFO_STAFF_ROLES = ['info_staff', 'org_admin'] as const satisfies readonly Role[];
/** Roles that read every report of the organization and the statistics (leaders read, they do not edit). */
export const INFO_READER_ROLES = ['info_staff', 'org_admin', 'leader'] as const satisfies readonly Role[];

/** The form warns (does not block) past this many characters (一事一报, ≤1500 字). */
export const INFO_SOFT_LIMIT = 1500;
/** At most this many co-authors (联名委员) on a report, the first author excluded. */
export const INFO_MAX_CO_AUTHORS = 20;
/** Characters counted against the soft limit: title, situation, analysis and suggestion. */
export const infoLength = (v: { title?: string; situation?: string; analysis?: string; suggestion?: string }) =>
  [v.title, v.situation, v.analysis, v.suggestion].reduce((n, s) => n + [...(s ?? '').replace(/\s+/g, '')].length, 0);

// ── Who submits ──────────────────────────────────────────────
export const INFO_SUBMITTER_KINDS = ['member', 'collective', 'officer', 'studio'] as const;
export type InfoSubmitterKind = (typeof INFO_SUBMITTER_KINDS)[number];
export const INFO_SUBMITTER_KIND_LABELS: Record<InfoSubmitterKind, Label> = {
  member: { zh: '委员', en: 'Member' },
  collective: { zh: '党派团体', en: 'Party / organization' },
  officer: { zh: '信息员', en: 'Information officer' },
  studio: { zh: '委员工作室', en: 'Member studio' },
};

// ── Levels of the bodies that adopt or instruct ──────────────
export const INFO_LEVELS = ['national', 'provincial', 'municipal', 'county'] as const;
export type InfoLevel = (typeof INFO_LEVELS)[number];
export const INFO_LEVEL_LABELS: Record<InfoLevel, Label> = {
  national: { zh: '国家', en: 'National' },
  provincial: { zh: '省', en: 'Provincial' },
  municipal: { zh: '市', en: 'Municipal' },
  county: { zh: '区县', en: 'District/county' },
};

// ── Report life cycle ────────────────────────────────────────
export const INFO_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'editing',
  'issued',
  'adopted',
  'instructed',
  'fed_back',
  'archived',
  'rejected',
  'merged',
] as const;
export type InfoStatus = (typeof INFO_STATUSES)[number];
export const INFO_STATUS_LABELS: Record<InfoStatus, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已报送', en: 'Submitted' },
  returned: { zh: '退回修改', en: 'Returned for revision' },
  editing: { zh: '采编中', en: 'Being edited' },
  issued: { zh: '已编发', en: 'Issued' },
  adopted: { zh: '上级采用', en: 'Adopted upward' },
  instructed: { zh: '领导批示', en: 'Instructed' },
  fed_back: { zh: '已反馈', en: 'Fed back' },
  archived: { zh: '已归档', en: 'Archived' },
  rejected: { zh: '不予采用', en: 'Not adopted' },
  merged: { zh: '已合并', en: 'Merged' },
};

export const INFO_ACTIONS = [
  'edit',
  'submit',
  'accept',
  'revise',
  'return',
  'reject',
  'merge',
  'issue',
  'record_adoption',
  'record_instruction',
  'record_feedback',
  'archive',
] as const;
export type InfoAction = (typeof INFO_ACTIONS)[number];
export const INFO_ACTION_LABELS: Record<InfoAction, Label> = {
  edit: { zh: '修改', en: 'Edit' },
  submit: { zh: '报送', en: 'Submit' },
  accept: { zh: '接收采编', en: 'Accept for editing' },
  revise: { zh: '采编修改', en: 'Edit (editor)' },
  return: { zh: '退回修改', en: 'Return for revision' },
  reject: { zh: '不予采用', en: 'Do not adopt' },
  merge: { zh: '合并信息', en: 'Merge reports' },
  issue: { zh: '编发', en: 'Issue in a bulletin' },
  record_adoption: { zh: '登记上级采用', en: 'Record an adoption' },
  record_instruction: { zh: '登记领导批示', en: 'Record an instruction' },
  record_feedback: { zh: '登记落实反馈', en: 'Record feedback' },
  archive: { zh: '归档', en: 'Archive' },
};

/** `submitter` = the report's creator or a member author; `staff` = INFO_STAFF_ROLES. */
export type InfoActor = 'submitter' | 'staff';
export interface InfoTransition {
  from: InfoStatus;
  to: InfoStatus;
  action: InfoAction;
  by: InfoActor;
}
/** Rows whose `to` equals `from` keep the status (edits, further adoptions or instructions). */
export const INFO_TRANSITIONS: readonly InfoTransition[] = [
  { from: 'draft', to: 'draft', action: 'edit', by: 'submitter' },
  { from: 'draft', to: 'submitted', action: 'submit', by: 'submitter' },
  { from: 'returned', to: 'returned', action: 'edit', by: 'submitter' },
  { from: 'returned', to: 'submitted', action: 'submit', by: 'submitter' },
  { from: 'submitted', to: 'editing', action: 'accept', by: 'staff' },
  { from: 'submitted', to: 'returned', action: 'return', by: 'staff' },
  { from: 'submitted', to: 'rejected', action: 'reject', by: 'staff' },
  { from: 'editing', to: 'editing', action: 'revise', by: 'staff' },
  { from: 'editing', to: 'editing', action: 'merge', by: 'staff' },
  { from: 'editing', to: 'returned', action: 'return', by: 'staff' },
  { from: 'editing', to: 'rejected', action: 'reject', by: 'staff' },
  { from: 'editing', to: 'issued', action: 'issue', by: 'staff' },
  { from: 'issued', to: 'adopted', action: 'record_adoption', by: 'staff' },
  { from: 'adopted', to: 'adopted', action: 'record_adoption', by: 'staff' },
  { from: 'instructed', to: 'instructed', action: 'record_adoption', by: 'staff' },
  { from: 'issued', to: 'instructed', action: 'record_instruction', by: 'staff' },
  { from: 'adopted', to: 'instructed', action: 'record_instruction', by: 'staff' },
  { from: 'instructed', to: 'instructed', action: 'record_instruction', by: 'staff' },
  { from: 'issued', to: 'fed_back', action: 'record_feedback', by: 'staff' },
  { from: 'adopted', to: 'fed_back', action: 'record_feedback', by: 'staff' },
  { from: 'instructed', to: 'fed_back', action: 'record_feedback', by: 'staff' },
  { from: 'fed_back', to: 'fed_back', action: 'record_feedback', by: 'staff' },
  { from: 'issued', to: 'archived', action: 'archive', by: 'staff' },
  { from: 'adopted', to: 'archived', action: 'archive', by: 'staff' },
  { from: 'instructed', to: 'archived', action: 'archive', by: 'staff' },
  { from: 'fed_back', to: 'archived', action: 'archive', by: 'staff' },
];
export const findInfoTransition = (from: InfoStatus, action: InfoAction) =>
  INFO_TRANSITIONS.find((t) => t.from === from && t.action === action);
/** The actions the caller may take in `status`, given which of the two hats they wear. */
export function infoActionsFor(status: InfoStatus, actors: Iterable<InfoActor>): InfoAction[] {
  const set = new Set(actors);
  return [...new Set(INFO_TRANSITIONS.filter((t) => t.from === status && set.has(t.by)).map((t) => t.action))];
}
/** Statuses counted as adopted into a bulletin issue (采用 at this organization). */
export const INFO_ISSUED_STATUSES: readonly InfoStatus[] = ['issued', 'adopted', 'instructed', 'fed_back', 'archived'];

// ── Request bodies ───────────────────────────────────────────
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date');
const text = (max: number) => z.string().trim().max(max);
const version = z.number().int().positive();

export const InfoFields = z.object({
  title: text(200),
  situation: text(6000),
  analysis: text(6000),
  suggestion: text(6000),
});
export const InfoReportCreateBody = InfoFields.partial().extend({
  submitterKind: z.enum(INFO_SUBMITTER_KINDS).default('member'),
  collectiveId: z.number().int().positive().nullable().optional(),
  studioId: z.number().int().positive().nullable().optional(),
  coAuthorIds: z.array(z.number().int().positive()).max(INFO_MAX_CO_AUTHORS).default([]),
});
export const InfoReportUpdateBody = InfoFields.partial().extend({
  version,
  /** Editor's note kept with the revision (采编 only). */
  note: text(500).optional(),
  coAuthorIds: z.array(z.number().int().positive()).max(INFO_MAX_CO_AUTHORS).optional(),
});
export const InfoVersionBody = z.object({ version });
export const InfoReturnBody = z.object({ comments: z.string().trim().min(1).max(2000), version });
export const InfoRejectBody = z.object({ reason: z.string().trim().min(1).max(500), version });
export const InfoMergeBody = z.object({ sourceIds: z.array(z.number().int().positive()).min(1).max(20), version });
export const InfoAdoptionBody = z.object({
  bodyName: z.string().trim().min(1).max(100),
  level: z.enum(INFO_LEVELS),
  adoptedOn: day,
  note: text(500).default(''),
});
export const InfoInstructionBody = z.object({
  leader: z.string().trim().min(1).max(100),
  level: z.enum(INFO_LEVELS),
  text: z.string().trim().min(1).max(2000),
  instructedOn: day,
});
export const InfoFeedbackBody = z.object({
  unitName: z.string().trim().min(1).max(100),
  text: z.string().trim().min(1).max(4000),
  fedBackOn: day,
});
export const InfoIssueCreateBody = z.object({
  reportIds: z.array(z.number().int().positive()).min(1).max(50),
  issuedOn: day,
  title: text(100).default(''),
});
export const InfoListQuery = z.object({
  status: z.enum(INFO_STATUSES).optional(),
  /** Only reports the caller wrote or co-authored (any role). */
  mine: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const InfoStatsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

// ── Views ────────────────────────────────────────────────────
export const InfoAuthorView = z.object({
  memberId: z.number(),
  name: z.string(),
  role: z.enum(['first', 'co']),
  viaMergeFrom: z.number().nullable(),
});
export const InfoListItem = z.object({
  id: z.number(),
  orgId: z.number(),
  title: z.string(),
  status: z.enum(INFO_STATUSES),
  submitterKind: z.enum(INFO_SUBMITTER_KINDS),
  submitterName: z.string(),
  submittedAt: z.string().nullable(),
  issuedAt: z.string().nullable(),
  issueLabel: z.string().nullable(),
  length: z.number(),
  version: z.number(),
});
export type InfoListItem = z.infer<typeof InfoListItem>;
export const InfoRevisionView = z.object({
  id: z.number(),
  title: z.string(),
  situation: z.string(),
  analysis: z.string(),
  suggestion: z.string(),
  editorName: z.string(),
  note: z.string(),
  createdAt: z.string(),
});
export const InfoAdoptionView = z.object({
  id: z.number(),
  bodyName: z.string(),
  level: z.enum(INFO_LEVELS),
  adoptedOn: z.string(),
  note: z.string(),
});
export const InfoInstructionView = z.object({
  id: z.number(),
  leader: z.string(),
  level: z.enum(INFO_LEVELS),
  text: z.string(),
  instructedOn: z.string(),
});
export const InfoFeedbackView = z.object({ id: z.number(), unitName: z.string(), text: z.string(), fedBackOn: z.string() });
export const InfoReportView = InfoListItem.extend({
  situation: z.string(),
  analysis: z.string(),
  suggestion: z.string(),
  collectiveId: z.number().nullable(),
  studioId: z.number().nullable(),
  authors: z.array(InfoAuthorView),
  returnComments: z.string(),
  rejectReason: z.string(),
  issueId: z.number().nullable(),
  mergedIntoId: z.number().nullable(),
  mergedFrom: z.array(z.object({ id: z.number(), title: z.string() })),
  originProposal: z.object({ id: z.number(), subject: z.string(), numberLabel: z.string().nullable() }).nullable(),
  revisions: z.array(InfoRevisionView),
  adoptions: z.array(InfoAdoptionView),
  instructions: z.array(InfoInstructionView),
  feedback: z.array(InfoFeedbackView),
  abilities: z.array(z.enum(INFO_ACTIONS)),
});
export type InfoReportView = z.infer<typeof InfoReportView>;
export const InfoIssueView = z.object({
  id: z.number(),
  orgId: z.number(),
  year: z.number(),
  number: z.number(),
  label: z.string(),
  title: z.string(),
  issuedOn: z.string(),
  reports: z.array(z.object({ id: z.number(), title: z.string(), submitterName: z.string(), status: z.enum(INFO_STATUSES) })),
});
export type InfoIssueView = z.infer<typeof InfoIssueView>;
const Count = z.object({
  key: z.string(),
  label: z.string(),
  received: z.number(),
  issued: z.number(),
  adopted: z.number(),
  instructed: z.number(),
  fedBack: z.number(),
});
export type InfoStatsRow = z.infer<typeof Count>;
export const InfoStatsView = z.object({
  year: z.number(),
  totals: z.object({
    received: z.number(),
    issued: z.number(),
    issues: z.number(),
    adopted: z.number(),
    instructed: z.number(),
    fedBack: z.number(),
  }),
  adoptedByLevel: z.array(z.object({ level: z.enum(INFO_LEVELS), count: z.number() })),
  instructedByLevel: z.array(z.object({ level: z.enum(INFO_LEVELS), count: z.number() })),
  byMonth: z.array(Count),
  bySubmitter: z.array(Count),
  bySector: z.array(Count),
  byOrg: z.array(Count),
});
export type InfoStatsView = z.infer<typeof InfoStatsView>;

/** 《社情民意》2026年第3期 */
export const infoIssueLabel = (year: number, number: number) => `《社情民意》${year}年第${number}期`;
