import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { PROPOSAL_STATE_LABELS, type ProposalState } from '@common/proposals';
import type { SimilarItem, SimilarResponse } from '@common/search';
import { get, post } from '../api';
import { useLang } from '../i18n';
import { useDebounced } from './pickers';

/** States a proposal may be merged into (the merge action's own rule; the server checks it again). */
const MERGE_TARGET_STATES = ['submitted', 'registered'];

export type SimilarSource =
  /** A draft being written: its current text (debounced here). */
  | { kind: 'draft'; orgId: number; subject: string; body: string; excludeId?: number }
  /** A saved proposal (at review). */
  | { kind: 'saved'; proposalId: number };

/**
 * 相似提案: the top 5 proposals of the organization (all years) most like this one, each with its reply grade and
 * a reply excerpt ("2022 年已有相似提案，答复为 B 类：……"). With `onMerge`, a submitted or registered one can be
 * proposed as the merge target (并案) in one click; the merge itself stays the review dialog's.
 */
export function SimilarPanel({ source, onMerge }: { source: SimilarSource; onMerge?: (item: SimilarItem) => void }) {
  const { L, p } = useLang();
  const draft = useDebounced(source.kind === 'draft' ? { subject: source.subject, body: source.body } : null, 800);
  const enough = source.kind === 'saved' || (draft != null && (draft.subject.trim().length >= 4 || draft.body.length >= 20));
  const res = useQuery({
    queryKey: ['similar', source.kind === 'saved' ? source.proposalId : draft],
    enabled: enough,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    queryFn: () =>
      source.kind === 'saved'
        ? get<SimilarResponse>(`/api/proposals/${source.proposalId}/similar`)
        : post<SimilarResponse>(`/api/orgs/${source.orgId}/proposals/similar`, { ...draft, excludeId: source.excludeId }),
  });
  const items = res.data?.items ?? [];
  return (
    <Card
      size="small"
      title={L('相似提案', 'Similar proposals')}
      extra={res.isFetching ? <Spin size="small" /> : null}
      style={{ marginBottom: 16 }}
      data-testid="similar-panel"
    >
      {!enough ? (
        <Typography.Text type="secondary">{L('填写案由或正文后，这里会列出历年相似提案。', 'Similar proposals of past years appear here as you write.')}</Typography.Text>
      ) : res.isError ? (
        <Typography.Text type="danger">{res.error.message}</Typography.Text>
      ) : items.length === 0 && !res.isFetching ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('未发现相似提案', 'No similar proposals')} />
      ) : (
        <Flex vertical gap={10}>
          {items.map((it) => (
            <div key={it.id} style={{ borderBottom: '1px solid #f5f5f5', paddingBottom: 8 }}>
              <Link to={`/proposals/${it.id}`} style={{ fontWeight: 500 }}>
                {it.title}
              </Link>
              <Flex wrap gap={4} align="center" style={{ marginTop: 2 }}>
                {it.label ? <Typography.Text type="secondary">{it.label}</Typography.Text> : null}
                <Tag>{p(PROPOSAL_STATE_LABELS[it.status as ProposalState]) || it.status}</Tag>
                {it.shared.slice(0, 4).map((w) => (
                  <Tag key={w} color="gold" style={{ marginInlineEnd: 0 }}>
                    {w}
                  </Tag>
                ))}
              </Flex>
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }} ellipsis={{ rows: 3 }}>
                {it.replyGrade
                  ? L(
                      `${it.year ?? ''} 年已有相似提案，答复为 ${it.replyGrade} 类：${it.replyExcerpt || '（无答复摘要）'}`,
                      `A similar proposal of ${it.year ?? ''} was answered with grade ${it.replyGrade}: ${it.replyExcerpt}`,
                    )
                  : L(`${it.year ?? ''} 年的相似提案，尚未答复。`, `A similar proposal of ${it.year ?? ''}, not answered yet.`)}
              </Typography.Paragraph>
              {onMerge && MERGE_TARGET_STATES.includes(it.status) ? (
                <Button size="small" style={{ marginTop: 4 }} onClick={() => onMerge(it)}>
                  {L('提议并案', 'Propose merging')}
                </Button>
              ) : null}
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}
