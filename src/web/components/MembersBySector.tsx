import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Empty, Flex, Skeleton, Statistic, Typography } from 'antd';
import { GENDER_LABELS, type MemberSummary } from '@common/people';
import { get, qs } from '../api';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { DrillBarChart } from './charts/DrillBarChart';

/**
 * Current members by sector (界别), counted by the server in one GROUP BY (never by loading the member list).
 * A bar opens the member list filtered the same way (sector or no sector, current term, active), so the list
 * shows exactly the members behind the bar. Shown only to callers who may read members.
 */
export default function MembersBySector() {
  const { L, p } = useLang();
  const orgId = useOrgId();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['members', 'summary', orgId], queryFn: () => get<MemberSummary>(`/api/orgs/${orgId}/members/summary`) });
  const s = q.data;
  const onPick = useCallback(
    (i: number) => {
      const row = s?.bySector[i];
      if (!s || !row) return;
      const filter = row.sectorId == null ? { noSector: 'true' } : { sectorId: row.sectorId };
      void navigate(`/members${qs({ ...filter, termId: s.term?.id, active: 'true' })}`);
    },
    [s, navigate],
  );
  if (q.isPending) return <Skeleton active />;
  if (!s) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('委员统计加载失败', 'Could not load the member figures')} />;
  const data = s.bySector.map((x) => ({ name: x.name ?? L('未分界别', 'No sector'), value: x.count }));
  const genders = s.byGender.filter((g) => g.gender !== '');
  return (
    <div data-testid="members-by-sector">
      <Flex gap={24} wrap style={{ marginBottom: 8 }}>
        <Statistic
          title={
            s.term ? L(`第${s.term.number}届委员（在用）`, `Term ${s.term.number} members (active)`) : L('委员（在用）', 'Members (active)')
          }
          value={s.total}
        />
        <Statistic title={L('其中常委', 'Standing committee')} value={s.standing} />
        {genders.length ? (
          <Statistic
            title={L('性别', 'Gender')}
            valueRender={() => genders.map((g) => `${p(GENDER_LABELS[g.gender])} ${g.count}`).join(' · ')}
          />
        ) : null}
      </Flex>
      {data.length ? (
        <>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {L('点击界别查看委员名单', 'Click a sector to open its members')}
          </Typography.Text>
          <DrillBarChart data={data} onPick={onPick} />
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('本届暂无在用委员', 'No active members in the current term')} />
      )}
    </div>
  );
}
