import { Result } from 'antd';

/** Placeholder, replaced by the slice that builds this page. */
export default function ProposalSettingsPage() {
  return <Result status="info" title="…" />;
}
