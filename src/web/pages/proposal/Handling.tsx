import type { ProposalViewT } from '@common/proposals';

/** Placeholder: the handling record (opinions, 面商, extension, replies, progress) and the unit's actions. */
export function HandlingPanel(_props: { proposal: ProposalViewT; onChanged: () => void }) {
  return null;
}
