import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Collapse, Empty, Flex, Input, Pagination, Row, Space, Spin, Switch, Tag, Typography } from 'antd';
import type { ProposalState } from '@common/proposals';
import { SEARCH_KIND_LABELS, searchStatusLabel, type FacetBucket, type SearchKind, type SearchResponse } from '@common/search';
import { get, qs } from '../api';
import { Highlight } from '../components/SearchBox';
import { useLang } from '../i18n';
import { StateTag } from '../proposals';
import { useOrgId, useSession } from '../session';
import { PageHeader, useIsMobile } from '../ui';

const FACETS = ['kind', 'org', 'year', 'category', 'unit', 'status'] as const;
type FacetName = (typeof FACETS)[number];
/** The facet's URL parameter (org narrows an all-organization search to one). */
const PARAM: Record<FacetName, string> = { kind: 'kind', org: 'org', year: 'year', category: 'category', unit: 'unit', status: 'status' };

function Facets({ data, params, set }: { data: SearchResponse; params: URLSearchParams; set: (k: string, v: string | null) => void }) {
  const { L, p } = useLang();
  const titles: Record<FacetName, string> = {
    kind: L('类型', 'Type'),
    org: L('组织', 'Organization'),
    year: L('年份', 'Year'),
    category: L('分类', 'Category'),
    unit: L('承办单位', 'Handling unit'),
    status: L('状态', 'Status'),
  };
  // Status codes are labelled by the server in the kinds that hold them (已办结 / 已核销 …).
  const label = (f: FacetName, b: FacetBucket) =>
    f === 'kind'
      ? p(SEARCH_KIND_LABELS[b.key as SearchKind]) || b.label
      : f === 'status'
        ? params.get('kind')
          ? p(searchStatusLabel(params.get('kind')!, b.key))
          : b.label
        : f === 'year'
          ? L(`${b.key} 年`, b.key)
          : b.label;
  const shown = FACETS.filter((f) => data.facets[f].length > 0 && (f !== 'org' || data.facets.org.length > 1 || params.get('org')));
  return (
    <Flex vertical gap={12}>
      {shown.map((f) => {
        const active = params.get(PARAM[f]);
        return (
          <div key={f}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {titles[f]}
            </Typography.Text>
            <Flex wrap gap={4} style={{ marginTop: 4 }}>
              {data.facets[f].map((b) => (
                <Tag.CheckableTag key={b.key} checked={active === b.key} onChange={(on) => set(PARAM[f], on ? b.key : null)}>
                  {label(f, b)} <span style={{ opacity: 0.6 }}>{b.count}</span>
                </Tag.CheckableTag>
              ))}
            </Flex>
          </div>
        );
      })}
    </Flex>
  );
}

/** 全文检索: ranked hits with highlighted words, facets, pages; only what the caller may open. */
export default function SearchPage() {
  const { L, p } = useLang();
  const orgId = useOrgId();
  const { me } = useSession();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const all = params.get('all') === '1';
  const page = Number(params.get('page') ?? '1') || 1;
  const org = params.get('org');
  const query = {
    q,
    kind: params.get('kind'),
    year: params.get('year'),
    category: params.get('category'),
    unit: params.get('unit'),
    status: params.get('status'),
    all: all && !org ? '1' : undefined,
    page,
    limit: 20,
  };
  const searchOrg = org ? Number(org) : orgId;
  const res = useQuery({
    queryKey: ['search', searchOrg, query],
    enabled: q.length > 0 && searchOrg > 0,
    queryFn: () => get<SearchResponse>(`/api/orgs/${searchOrg}/search${qs(query)}`),
    placeholderData: keepPreviousData,
  });
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v == null || v === '') next.delete(k);
    else next.set(k, v);
    if (k !== 'page') next.delete('page');
    setParams(next);
  };
  const data = res.data;
  const facets = data ? <Facets data={data} params={params} set={set} /> : null;
  const gradeText = (g: string | null) => (g ? L(`答复 ${g} 类`, `Reply grade ${g}`) : null);

  return (
    <div>
      <PageHeader title={L('全文检索', 'Search')} />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Input.Search
          autoFocus
          aria-label={L('搜索关键词', 'Search words')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => set('q', v.trim() || null)}
          placeholder={L('输入关键词，如：养马河 污染治理', 'Words to look for, e.g. 养马河 污染治理')}
          enterButton={L('搜索', 'Search')}
          maxLength={100}
          style={{ maxWidth: 560, flex: '1 1 260px' }}
        />
        {me.orgs.length > 1 ? (
          <Space size={6}>
            <Switch size="small" checked={all} onChange={(on) => set('all', on ? '1' : null)} aria-label={L('我的全部组织', 'All my organizations')} />
            <Typography.Text>{L('我的全部组织', 'All my organizations')}</Typography.Text>
          </Space>
        ) : null}
      </Flex>
      {!q ? (
        <Empty
          description={L(
            '输入关键词搜索提案、活动、成果、问题清单、合作事项和社情民意信息',
            'Type words to search proposals, activities, outcomes, problem-list issues, cooperation items and information reports',
          )}
        />
      ) : res.isError ? (
        <Alert type="error" title={res.error.message} />
      ) : !data ? (
        <Spin />
      ) : (
        <Row gutter={[16, 12]}>
          {mobile ? (
            data.total > 0 ? (
              <Col span={24}>
                <Collapse size="small" items={[{ key: 'f', label: L('筛选', 'Filters'), children: facets }]} />
              </Col>
            ) : null
          ) : (
            <Col md={7} lg={6}>
              {data.total > 0 ? <Card size="small">{facets}</Card> : null}
            </Col>
          )}
          <Col xs={24} md={17} lg={18}>
            <Typography.Text type="secondary">
              {data.capped
                ? L(`找到 ${data.total} 条以上结果，仅显示最相关的部分，可增加关键词缩小范围`, `More than ${data.total} matches; add words to narrow them`)
                : L(`找到 ${data.total} 条结果`, `${data.total} results`)}
              {L(`（${data.tookMs} 毫秒）`, ` (${data.tookMs} ms)`)}
            </Typography.Text>
            {data.relaxed ? (
              <Alert
                style={{ marginTop: 8 }}
                type="info"
                showIcon
                title={L('没有同时包含全部词语的记录，以下结果包含其中部分词语。', 'No record holds all the words; these hold some of them.')}
              />
            ) : null}
            {data.hits.length === 0 ? <Empty style={{ marginTop: 24 }} description={L('没有找到相关记录', 'Nothing found')} /> : null}
            {data.hits.map((h) => (
              <div key={`${h.kind}-${h.id}`} style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}>
                <Link to={h.link} style={{ fontSize: 16, fontWeight: 500 }}>
                  <Highlight parts={h.title} />
                </Link>
                <Flex wrap gap={4} align="center" style={{ margin: '4px 0' }}>
                  <Tag>{p(SEARCH_KIND_LABELS[h.kind])}</Tag>
                  {h.kind === 'proposal' ? <StateTag state={h.status as ProposalState} /> : <Tag>{p(searchStatusLabel(h.kind, h.status))}</Tag>}
                  {h.label ? <Typography.Text type="secondary">{h.label}</Typography.Text> : null}
                  {h.year ? <Typography.Text type="secondary">{L(`${h.year} 年`, String(h.year))}</Typography.Text> : null}
                  {h.categoryName ? <Typography.Text type="secondary">· {h.categoryName}</Typography.Text> : null}
                  {h.replyGrade ? <Tag color="green">{gradeText(h.replyGrade)}</Tag> : null}
                  {all || org ? <Typography.Text type="secondary">· {h.orgName}</Typography.Text> : null}
                </Flex>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0, wordBreak: 'break-all' }}>
                  <Highlight parts={h.snippet} />
                </Typography.Paragraph>
              </div>
            ))}
            {data.total > data.limit ? (
              <Pagination
                style={{ marginTop: 16 }}
                simple={mobile}
                current={page}
                pageSize={data.limit}
                total={Math.min(data.total, 50 * data.limit)}
                showSizeChanger={false}
                onChange={(n) => set('page', String(n))}
              />
            ) : null}
          </Col>
        </Row>
      )}
    </div>
  );
}
