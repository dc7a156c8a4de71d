import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { MyStudioShifts } from './duty/MyShifts';
import { DutyRecordPanel } from './duty/Record';

/** 我的履职: the member's own year, every point linked to its source; the annual statement as Word; own studio shifts. */
export default function DutyMinePage() {
  const { L } = useLang();
  const orgId = useOrgId();
  return (
    <>
      <DutyRecordPanel
        base={`/api/orgs/${orgId}/duty/me`}
        title={(r) => L(`我的履职${r ? ` · ${r.year}年度` : ''}`, `My duty record${r ? ` · ${r.year}` : ''}`)}
      />
      <MyStudioShifts orgId={orgId} />
    </>
  );
}
