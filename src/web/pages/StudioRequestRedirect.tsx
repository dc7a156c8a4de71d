import { Navigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Empty, Spin } from 'antd';
import type { RequestView } from '@common/studios';
import { get } from '../api';

/** A 群众诉求 has no page of its own: a link to it (record links) opens its studio's page. */
export default function StudioRequestRedirect() {
  const { id } = useParams();
  const q = useQuery({ queryKey: ['studio-request', Number(id)], queryFn: () => get<RequestView>(`/api/studio-requests/${Number(id)}`) });
  if (q.isPending) return <Spin />;
  if (!q.data) return <Empty description={q.error?.message} />;
  return <Navigate replace to={`/studios/${q.data.studioId}`} />;
}
