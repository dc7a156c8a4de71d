import { useParams } from 'react-router-dom';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { DutyRecordPanel } from './duty/Record';

/** A member's duty record as staff and leaders see it (the office also keeps manual entries here). */
export default function DutyMemberPage() {
  const { L } = useLang();
  const orgId = useOrgId();
  const { id } = useParams();
  return (
    <DutyRecordPanel
      base={`/api/orgs/${orgId}/duty/members/${Number(id)}`}
      title={(r) => L(`${r?.member.name ?? '委员'}的履职档案`, `Duty record of ${r?.member.name ?? 'member'}`)}
    />
  );
}
