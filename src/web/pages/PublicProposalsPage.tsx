import { Result } from 'antd';

/** Placeholder, replaced by the slice that builds this page. */
export default function PublicProposalsPage() {
  return <Result status="info" title="…" />;
}
