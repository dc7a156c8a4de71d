import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Popover, Skeleton, Tag, Typography } from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import { confidenceLabel, type ProposalSuggestions, type SuggestionBasis } from '@common/assist';
import { get } from '../api';
import { useLang } from '../i18n';

export const suggestionsKey = (proposalId: number) => ['proposals', proposalId, 'suggestions'] as const;

/** The past proposals behind one suggestion (依据), opened on click (works on touch screens too). */
function Basis({ basis, profileMatch }: { basis: SuggestionBasis[]; profileMatch?: boolean }) {
  const { L } = useLang();
  if (!basis.length && !profileMatch) return null;
  const content = (
    <div style={{ maxWidth: 320 }}>
      {profileMatch ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: basis.length ? 8 : 0 }}>
          {L('与该单位职能相符', 'Matches the unit’s responsibilities')}
        </Typography.Paragraph>
      ) : null}
      {basis.map((b) => (
        <div key={b.proposalId} style={{ marginBottom: 4 }}>
          <Link to={`/proposals/${b.proposalId}`} target="_blank">
            {b.numberLabel ? `${b.numberLabel} ` : ''}
            {b.subject}
          </Link>
          <Typography.Text type="secondary"> {L(`相似度 ${confidenceLabel(b.similarity)}`, `similarity ${confidenceLabel(b.similarity)}`)}</Typography.Text>
        </div>
      ))}
    </div>
  );
  return (
    <Popover content={content} title={L('依据', 'Based on')} trigger="click">
      <Typography.Link style={{ fontSize: 12 }}>{L('依据', 'basis')}</Typography.Link>
    </Popover>
  );
}

interface Item {
  id: number;
  name: string;
  confidence: number;
  basis: SuggestionBasis[];
  profileMatch?: boolean;
}

function Row({ title, items, onPick, picked }: { title: string; items: Item[]; onPick?: (id: number) => void; picked?: readonly number[] }) {
  const { L } = useLang();
  if (!items.length) return null;
  return (
    <div style={{ marginBottom: 6 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 8 }}>
        {title}
      </Typography.Text>
      <Flex wrap gap={6} style={{ display: 'inline-flex', verticalAlign: 'middle' }}>
        {items.map((it) => (
          <Flex key={it.id} align="center" gap={4}>
            {onPick ? (
              <Button
                size="small"
                type={picked?.includes(it.id) ? 'primary' : 'default'}
                onClick={() => onPick(it.id)}
                aria-label={L(`采用建议：${it.name}`, `Use suggestion: ${it.name}`)}
                data-testid="suggestion"
              >
                {it.name} {confidenceLabel(it.confidence)}
              </Button>
            ) : (
              <Tag>
                {it.name} {confidenceLabel(it.confidence)}
              </Tag>
            )}
            <Basis basis={it.basis} profileMatch={it.profileMatch} />
          </Flex>
        ))}
      </Flex>
    </div>
  );
}

/**
 * The office's suggestions for one proposal (category, lead units, co-units), learned from the organization's past
 * decisions and the units' 职能. Clicking a suggestion fills it in; each shows its confidence and its basis (依据).
 */
export function SuggestPanel({
  orgId,
  proposalId,
  show,
  onPickCategory,
  onPickLead,
  onPickCo,
  picked,
}: {
  orgId: number;
  proposalId: number;
  show: 'category' | 'units';
  onPickCategory?: (categoryId: number) => void;
  onPickLead?: (unitId: number) => void;
  onPickCo?: (unitId: number) => void;
  /** Ids already chosen (highlighted). */
  picked?: readonly number[];
}) {
  const { L } = useLang();
  const q = useQuery({
    queryKey: suggestionsKey(proposalId),
    queryFn: () => get<ProposalSuggestions>(`/api/orgs/${orgId}/proposals/${proposalId}/suggestions`),
    staleTime: 30_000,
  });
  if (q.isPending) return <Skeleton active paragraph={{ rows: 1 }} title={false} />;
  if (q.isError) return null;
  const s = q.data;
  const empty = show === 'category' ? !s.categories.length : !s.leadUnits.length;
  return (
    <Alert
      type="info"
      icon={<BulbOutlined />}
      showIcon
      style={{ marginBottom: 12 }}
      title={
        <span>
          {L('智能建议', 'Suggestions')}
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
            {L(`据本会 ${s.learnedFrom} 件已立案提案及单位职能`, `from ${s.learnedFrom} past proposals and unit responsibilities`)}
          </Typography.Text>
        </span>
      }
      description={
        empty ? (
          <Typography.Text type="secondary">{L('暂无足够的历史数据', 'Not enough history yet')}</Typography.Text>
        ) : show === 'category' ? (
          <Row
            title={L('分类', 'Category')}
            items={s.categories.map((c) => ({ ...c, id: c.categoryId }))}
            onPick={onPickCategory}
            picked={picked}
          />
        ) : (
          <>
            <Row title={L('主办', 'Lead')} items={s.leadUnits.map((u) => ({ ...u, id: u.unitId }))} onPick={onPickLead} picked={picked} />
            <Row title={L('协办', 'Co-handling')} items={s.coUnits.map((u) => ({ ...u, id: u.unitId }))} onPick={onPickCo} picked={picked} />
          </>
        )
      }
    />
  );
}
