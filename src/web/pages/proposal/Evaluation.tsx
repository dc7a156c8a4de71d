import type { ProposalViewT } from '@common/proposals';

/** Placeholder: the proposers' evaluation, re-handling, closing, supervision and good-proposal selection. */
export function EvaluationPanel(_props: { proposal: ProposalViewT; onChanged: () => void }) {
  return null;
}
