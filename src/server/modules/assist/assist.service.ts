import type { ProposalSuggestions, SuggestedUnit, SuggestionBasis } from '@common/assist';
import type { DbOrTx } from '@server/db/client';
import { plainText } from '../proposals/proposals.text';
import * as repo from './assist.repo';
import type { Example, Scored, SuggestModel } from './model';
import { ModelBuilder } from './model-builder';
import { ModelCache } from './model-cache';
import { CATEGORY_OPTIONS, ROUTING_OPTIONS } from './options';
import { unitProfileText } from './profiles';

/** Body text used for learning (a long body adds little past this and costs time). */
const BODY_CHARS = 4000;
const TOP = 3;
const CO_TOP = 5;
/** How long app close waits, at most, for model builds under way. */
const CLOSE_BUILD_MS = 10_000;
/** Below this a suggestion is noise (except the best one). */
const MIN_CONFIDENCE = 0.02;
const worth = (s: { confidence: number }, i: number) => i === 0 || s.confidence >= MIN_CONFIDENCE;

export interface Built {
  category: SuggestModel | null;
  routing: SuggestModel | null;
  learnedFrom: number;
  categories: Map<number, { name: string; active: boolean }>;
  units: Map<number, { name: string; active: boolean }>;
  past: Map<number, { subject: string; numberLabel: string | null }>;
}

/**
 * The organization's models, rebuilt when its fingerprint changes (a new registration, assignment, category or
 * 职能 edit): suggestions follow the office's decisions with no retraining step, and every instance checks the
 * database, so several stateless instances agree. The database is read here; the models are trained in a worker
 * (model-builder.ts), and while a new one trains the previous one answers (model-cache.ts).
 */
export class AssistModels {
  readonly builder: ModelBuilder;
  readonly cache: ModelCache<Built>;

  constructor(
    private readonly db: DbOrTx,
    opts: { log?: (msg: string, err?: unknown) => void; builder?: ModelBuilder } = {},
  ) {
    this.builder = opts.builder ?? new ModelBuilder({ log: opts.log });
    this.cache = new ModelCache((orgId) => build(this.db, this.builder, orgId), { log: opts.log });
  }

  /** The organization's models: the current ones, or the previous ones while the current ones build. */
  async modelsFor(orgId: number): Promise<Built> {
    const key = await repo.fingerprint(this.db, orgId);
    return (await this.cache.get(orgId, key)).value;
  }

  /**
   * Stops building (app close). Runs before the in-flight requests are drained (plugins/inflight.ts): the builds
   * under way get up to `CLOSE_BUILD_MS` to finish (a request may be waiting on its organization's first models),
   * then the worker is stopped and what it still had fails. No rebuild starts after this; a request still being
   * drained for an organization with no model at all gets one built in this thread.
   */
  async close(): Promise<void> {
    const builds = this.cache.close();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([builds, new Promise((r) => (timer = setTimeout(r, CLOSE_BUILD_MS)))]);
    clearTimeout(timer);
    await this.builder.close();
    await builds;
  }
}

async function build(db: DbOrTx, builder: ModelBuilder, orgId: number): Promise<Built> {
  const [rows, unitRows, categoryRows] = await Promise.all([repo.pastProposals(db, orgId), repo.orgUnits(db, orgId), repo.orgCategories(db, orgId)]);
  const assigned = await repo.pastAssignments(
    db,
    orgId,
    rows.map((p) => p.id),
  );
  const categories = new Map(categoryRows.map((c) => [c.id, { name: c.name, active: c.active }]));
  const unitsById = new Map(unitRows.map((u) => [u.id, { name: u.name, active: u.active }]));
  const byProposal = new Map<number, { lead: number[]; co: number[] }>();
  for (const a of assigned) {
    const e = byProposal.get(a.proposalId) ?? { lead: [], co: [] };
    (a.role === 'co' ? e.co : e.lead).push(a.unitId);
    byProposal.set(a.proposalId, e);
  }
  const categoryExamples: Example[] = [];
  const routingExamples: Example[] = [];
  for (const p of rows) {
    const title = p.subject;
    const category = p.categoryId ? categories.get(p.categoryId)?.name : undefined;
    if (p.categoryId && category) categoryExamples.push({ id: String(p.id), title, body: plainText(p.body).slice(0, BODY_CHARS), labels: [`c${p.categoryId}`] });
    const u = byProposal.get(p.id);
    if (u && u.lead.length)
      routingExamples.push({
        id: String(p.id),
        title,
        tags: category ? [category] : [],
        labels: [`u${u.lead[0]}`, ...[...u.lead.slice(1), ...u.co].map((x) => `u${x}`)],
      });
  }
  const profiles = new Map<string, string>();
  for (const u of unitRows) {
    if (!u.active) continue;
    const text = unitProfileText(u.name, u.duties);
    if (text) profiles.set(`u${u.id}`, text);
  }
  const [category, routing] = await Promise.all([
    categoryExamples.length ? builder.build(categoryExamples, CATEGORY_OPTIONS) : null,
    routingExamples.length || profiles.size ? builder.build(routingExamples, { ...ROUTING_OPTIONS, profiles }) : null,
  ]);
  return {
    category,
    routing,
    learnedFrom: new Set([...categoryExamples, ...routingExamples].map((e) => e.id)).size,
    categories,
    units: unitsById,
    past: new Map(rows.map((p) => [p.id, { subject: p.subject, numberLabel: p.numberLabel }])),
  };
}

export interface SuggestInput {
  id: number;
  orgId: number;
  subject: string;
  body: string;
  categoryId: number | null;
}

/** Top categories, lead units and co-units for one proposal, with the past proposals behind each. */
export async function suggestionsFor(models: AssistModels, p: SuggestInput): Promise<ProposalSuggestions> {
  const m = await models.modelsFor(p.orgId);
  const exclude = String(p.id);
  const basis = (s: Scored): SuggestionBasis[] =>
    s.evidence.flatMap((e) => {
      const past = m.past.get(Number(e.id));
      return past ? [{ proposalId: Number(e.id), numberLabel: past.numberLabel, subject: past.subject, similarity: e.similarity }] : [];
    });
  const categories = m.category
    ? m.category
        .score({ title: p.subject, body: plainText(p.body).slice(0, BODY_CHARS) }, exclude)
        .filter((s) => m.categories.get(Number(s.label.slice(1)))?.active)
        .slice(0, TOP)
        .filter(worth)
        .map((s) => ({ categoryId: Number(s.label.slice(1)), name: m.categories.get(Number(s.label.slice(1)))!.name, confidence: round(s.confidence), basis: basis(s) }))
    : [];
  const categoryName = p.categoryId ? m.categories.get(p.categoryId)?.name : undefined;
  const input = { title: p.subject, tags: categoryName ? [categoryName] : [] };
  const unit = (s: Scored): SuggestedUnit | null => {
    const u = m.units.get(Number(s.label.slice(1)));
    if (!u?.active) return null;
    return { unitId: Number(s.label.slice(1)), name: u.name, confidence: round(s.confidence), basis: basis(s), profileMatch: (s.profile ?? 0) >= 0.1 };
  };
  const leadUnits = m.routing
    ? m.routing
        .score(input, exclude)
        .map(unit)
        .filter((x): x is SuggestedUnit => x !== null)
        .slice(0, TOP)
        .filter(worth)
    : [];
  const coUnits = m.routing
    ? m.routing
        .coScore(input, leadUnits[0] ? `u${leadUnits[0].unitId}` : undefined, exclude)
        .map(unit)
        .filter((x): x is SuggestedUnit => x !== null)
        .slice(0, CO_TOP)
        .filter(worth)
    : [];
  return { categories, leadUnits, coUnits, learnedFrom: m.learnedFrom };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
