import { Link } from 'react-router-dom';
import { Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { LEAVE_STATUS_LABELS, type MyActivityItem } from '@common/activities';
import { usePaged } from '../data';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { LoadMore, PageHeader } from '../ui';
import { ActivityStatusTag, AttendanceTag, fmtRange } from './activity/common';
import { JointTag } from './activity/JointCard';

/** 我的活动: the activities a member is invited to, with attendance and leave; sign-in and leave are on the activity page. */
export default function ActivityMinePage() {
  const { L, p } = useLang();
  const orgId = useOrgId();
  const list = usePaged<MyActivityItem>('my-activities', `/api/orgs/${orgId}/activities/mine`, {});
  return (
    <div>
      <PageHeader title={L('我的活动', 'My activities')} sub={L('受邀参加的会议、协商、视察和调研；在活动页签到或请假', 'Meetings, consultations, inspections and research you are invited to; sign in or ask for leave on the activity page')} />
      {list.isPending ? <Spin /> : null}
      {!list.isPending && !list.items.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('暂无受邀活动', 'No invitations')} /> : null}
      <Flex vertical gap={8}>
        {list.items.map((a) => (
          <Card key={a.id} size="small" data-testid={`my-activity-${a.id}`}>
            <Link to={`/activities/${a.id}`} style={{ fontWeight: 500, display: 'block', padding: '6px 0' }}>
              {a.topic}
            </Link>
            <Flex wrap gap={4}>
              <Tag>{a.type}</Tag>
              <ActivityStatusTag status={a.status} />
              {a.joint ? <JointTag /> : null}
              <AttendanceTag value={a.attendance} />
              {a.leaveStatus !== 'none' ? <Tag color="orange">{p(LEAVE_STATUS_LABELS[a.leaveStatus])}</Tag> : null}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
              {fmtRange(a.startsAt, a.endsAt)} · {a.online ? L('网络参会', 'Online') : a.place}
            </Typography.Text>
          </Card>
        ))}
      </Flex>
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
    </div>
  );
}
