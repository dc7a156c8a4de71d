import { z } from 'zod';

/**
 * The office's suggestions for a proposal at review and assignment (交办): categories, lead units and co-units,
 * each with a confidence and the past proposals behind it (依据). Shared by the server route and the web panel.
 */
export const SuggestionBasis = z.object({
  proposalId: z.number(),
  numberLabel: z.string().nullable(),
  subject: z.string(),
  similarity: z.number(),
});
export type SuggestionBasis = z.infer<typeof SuggestionBasis>;

export const SuggestedCategory = z.object({
  categoryId: z.number(),
  name: z.string(),
  confidence: z.number(),
  basis: z.array(SuggestionBasis),
});
export type SuggestedCategory = z.infer<typeof SuggestedCategory>;

export const SuggestedUnit = z.object({
  unitId: z.number(),
  name: z.string(),
  confidence: z.number(),
  basis: z.array(SuggestionBasis),
  /** The unit's 职能 text (its own, or the built-in profile of its kind) matched the proposal. */
  profileMatch: z.boolean(),
});
export type SuggestedUnit = z.infer<typeof SuggestedUnit>;

export const ProposalSuggestions = z.object({
  categories: z.array(SuggestedCategory),
  leadUnits: z.array(SuggestedUnit),
  coUnits: z.array(SuggestedUnit),
  /** Past proposals of the organization the suggestions were learned from. */
  learnedFrom: z.number(),
});
export type ProposalSuggestions = z.infer<typeof ProposalSuggestions>;

/** A confidence as a percentage label. */
export const confidenceLabel = (c: number): string => `${Math.round(c * 100)}%`;
