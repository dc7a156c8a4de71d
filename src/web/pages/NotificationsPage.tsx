import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, List, Segmented, Space, Typography } from 'antd';
import type { z } from 'zod';
import type { NotificationView } from '@common/accounts';
import { post } from '../api';
import { usePaged } from '../data';
import { useLang } from '../i18n';
import { PageHeader, LoadMore, useErrorHandler } from '../ui';

type Note = z.infer<typeof NotificationView>;

export default function NotificationsPage() {
  const { t, L } = useLang();
  const [unread, setUnread] = useState(false);
  const list = usePaged<Note>('notifications', '/api/notifications', { unread: unread ? 'true' : undefined });
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const navigate = useNavigate();
  const refresh = () => qc.invalidateQueries({ queryKey: ['notifications'] });

  const markRead = async (n: Note) => {
    try {
      if (!n.read) await post(`/api/notifications/${n.id}/read`);
      await refresh();
    } catch (err) {
      onError(err);
    }
  };

  return (
    <div>
      <PageHeader
        title={t('notifications')}
        extra={
          <Button
            onClick={async () => {
              try {
                await post('/api/notifications/read-all');
                await refresh();
              } catch (err) {
                onError(err);
              }
            }}
          >
            {L('全部标为已读', 'Mark all read')}
          </Button>
        }
      />
      <Segmented
        style={{ marginBottom: 12 }}
        value={unread ? 'unread' : 'all'}
        onChange={(v) => setUnread(v === 'unread')}
        options={[
          { value: 'all', label: t('all') },
          { value: 'unread', label: L('未读', 'Unread') },
        ]}
      />
      <Card>
        <List<Note>
          loading={list.isPending}
          dataSource={list.items}
          locale={{ emptyText: <Empty description={L('暂无通知', 'No notifications')} /> }}
          renderItem={(n) => (
            <List.Item
              actions={[
                n.read ? null : (
                  <Button key="r" size="small" type="link" onClick={() => markRead(n)}>
                    {L('标为已读', 'Mark read')}
                  </Button>
                ),
                n.link && n.link.startsWith('/') && !n.link.startsWith('//') ? (
                  <Button
                    key="o"
                    size="small"
                    type="link"
                    onClick={async () => {
                      await markRead(n);
                      void navigate(n.link);
                    }}
                  >
                    {L('查看', 'Open')}
                  </Button>
                ) : null,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={
                  <Space>
                    {n.read ? null : <Badge status="processing" />}
                    <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
                  </Space>
                }
                description={
                  <>
                    <div style={{ whiteSpace: 'pre-wrap' }}>{n.body}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {new Date(n.createdAt).toLocaleString()}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
    </div>
  );
}
