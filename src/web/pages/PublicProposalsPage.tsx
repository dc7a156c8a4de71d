import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Card, Divider, Empty, Flex, Input, Result, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import { PROPOSAL_STATE_LABELS, type PublicProposalItem, type PublicProposalView } from '@common/proposals';
import { ApiError, get, qs, type Page } from '../api';
import { useLang } from '../i18n';

type Item = z.infer<typeof PublicProposalItem>;
type View = z.infer<typeof PublicProposalView>;

/** Stored (sanitized) HTML → paragraphs of plain text; the public page never renders the server's HTML as markup. */
function htmlToText(html: string): string {
  if (!html) return '';
  const marked = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|li|h[1-6]|blockquote|tr|div)>/gi, '\n');
  const doc = new DOMParser().parseFromString(marked, 'text/html');
  return (doc.body.textContent ?? '').replace(/\n+$/, '');
}

/** The date (in China) of an instant. */
const day = (iso: string | null | undefined) =>
  iso
    ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
        new Date(iso),
      )
    : '—';

function Shell({ children }: { children: ReactNode }) {
  const { L, lang, setLang } = useLang();
  useEffect(() => {
    document.title = L('提案办理公开', 'Proposals and replies');
  }, [L]);
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <header style={{ background: '#b71c1c', color: '#fff', padding: '14px 16px' }}>
        <Flex justify="space-between" align="center" style={{ maxWidth: 880, margin: '0 auto' }} gap={8}>
          <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
            {L('提案办理公开', 'Proposals and replies')}
          </Typography.Title>
          <Button size="small" ghost onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
            {lang === 'en' ? '中文' : 'English'}
          </Button>
        </Flex>
      </header>
      <main style={{ maxWidth: 880, margin: '0 auto', padding: 16 }}>{children}</main>
    </div>
  );
}

function Meta({ item }: { item: Item }) {
  const { L, p } = useLang();
  return (
    <Flex wrap gap={4} align="center">
      {item.numberLabel ? <Tag>{item.numberLabel}</Tag> : null}
      <Tag color={item.state === 'closed' ? 'green' : 'blue'}>{p(PROPOSAL_STATE_LABELS[item.state])}</Tag>
      {item.categoryName ? <Tag>{item.categoryName}</Tag> : null}
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {L('提案人：', 'Proposers: ')}
        {item.proposerNames.join('、') || '—'} · {L('公开于 ', 'Published ')}
        {day(item.disclosedAt)}
      </Typography.Text>
    </Flex>
  );
}

function List({ code }: { code: string }) {
  const { L, t } = useLang();
  // The search lives in the address, so going back from a proposal returns to the same results.
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const setQ = (v: string) => setParams(v ? { q: v } : {});
  const list = useInfiniteQuery({
    queryKey: ['public-proposals', code, q],
    initialPageParam: '',
    retry: false,
    queryFn: ({ pageParam }) =>
      get<Page<Item>>(
        `/api/public/orgs/${encodeURIComponent(code)}/proposals${qs({ q: q || undefined, cursor: pageParam || undefined, limit: 20 })}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((pg) => pg.items) ?? [];
  if (list.isError && list.error instanceof ApiError && list.error.status === 404)
    return <Result status="404" title={L('没有找到该组织的公开提案', 'No public proposals for this organization')} />;
  return (
    <>
      <Input.Search
        allowClear
        enterButton={t('search')}
        placeholder={L('输入案由、提案号或提案人搜索', 'Search the subject, number or proposer')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => setQ(v.trim())}
        style={{ marginBottom: 16 }}
        maxLength={100}
      />
      {list.isPending ? (
        <Spin />
      ) : list.isError ? (
        <Result status="error" title={list.error.message} />
      ) : !items.length ? (
        <Card>
          <Empty description={q ? L('没有符合条件的提案', 'Nothing matches') : L('暂无公开的提案', 'No proposals published yet')} />
        </Card>
      ) : (
        <Flex vertical gap={12}>
          {items.map((it) => (
            <Card key={it.id} size="small">
              <Link to={`/public/${encodeURIComponent(code)}/proposals/${it.id}`} style={{ fontSize: 16, fontWeight: 500 }}>
                {it.subject}
              </Link>
              <div style={{ marginTop: 6 }}>
                <Meta item={it} />
              </div>
            </Card>
          ))}
          <Flex justify="center">
            {list.hasNextPage ? (
              <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {t('loadMore')}
              </Button>
            ) : (
              <Typography.Text type="secondary">{t('noMore')}</Typography.Text>
            )}
          </Flex>
        </Flex>
      )}
    </>
  );
}

function Detail({ code, id }: { code: string; id: number }) {
  const { L } = useLang();
  const q = useQuery({
    queryKey: ['public-proposal', id],
    retry: false,
    enabled: Number.isSafeInteger(id) && id > 0,
    queryFn: () => get<View>(`/api/public/proposals/${id}`),
  });
  const back = (
    <Link to={`/public/${encodeURIComponent(code)}/proposals`}>
      <ArrowLeftOutlined /> {L('返回列表', 'Back to the list')}
    </Link>
  );
  if (!(Number.isSafeInteger(id) && id > 0) || (q.isError && q.error instanceof ApiError && q.error.status === 404))
    return <Result status="404" title={L('提案不存在或未公开', 'This proposal does not exist or is not public')} extra={back} />;
  if (q.isError) return <Result status="error" title={q.error.message} extra={back} />;
  if (!q.data) return <Spin />;
  const v = q.data;
  const paragraphs = (html: string) =>
    htmlToText(html)
      .split('\n')
      .filter((l) => l.trim())
      .map((l, i) => (
        <Typography.Paragraph key={i} style={{ textIndent: '2em', marginBottom: 8 }}>
          {l}
        </Typography.Paragraph>
      ));
  const replies = [...v.replies].sort((a, b) => b.round - a.round || a.unitName.localeCompare(b.unitName, 'zh'));
  const rounds = new Set(v.replies.map((r) => r.round)).size;
  return (
    <>
      <div style={{ marginBottom: 12 }}>{back}</div>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {v.subject}
        </Typography.Title>
        <Meta item={v} />
        {v.sessionName ? (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 13 }}>
            {v.sessionName}
          </Typography.Text>
        ) : null}
        <Divider style={{ margin: '12px 0' }} />
        {paragraphs(v.body)}
      </Card>
      <Typography.Title level={5}>{L('办理答复', 'Replies')}</Typography.Title>
      {!replies.length ? (
        <Card>
          <Empty description={L('暂无答复', 'No reply yet')} />
        </Card>
      ) : (
        <Flex vertical gap={12}>
          {replies.map((r, i) => (
            <Card
              key={`${r.round}:${r.unitName}:${i}`}
              size="small"
              title={
                <Flex wrap gap={4} align="center" style={{ whiteSpace: 'normal' }}>
                  <span>{r.unitName}</span>
                  {rounds > 1 ? <Tag>{L(`第 ${r.round} 次答复`, `Reply ${r.round}`)}</Tag> : null}
                </Flex>
              }
            >
              <Flex wrap gap={4} style={{ marginBottom: 8 }}>
                <Tag color="blue">
                  {r.grade} {r.gradeLabel}
                </Tag>
                {r.docNumber ? <Tag>{r.docNumber}</Tag> : null}
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {L('答复日期 ', 'Replied ')}
                  {day(r.repliedAt)}
                </Typography.Text>
              </Flex>
              {paragraphs(r.body)}
            </Card>
          ))}
        </Flex>
      )}
    </>
  );
}

/** 提案办理公开: the public proposals of one organization and their replies, no login, names only. */
export default function PublicProposalsPage() {
  const { code = '', id } = useParams();
  return <Shell>{id ? <Detail code={code} id={Number(id)} /> : <List code={code} />}</Shell>;
}
