import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { get, qs, type Page } from '../api';
import type { Unit } from '../data';
import { useLang } from '../i18n';

/** Handling units of the organization, searched on the server; `single` picks one. Keeps names of units picked under an earlier search. */
export function UnitPicker({
  id,
  orgId,
  single,
  value,
  onChange,
  autoFocus,
}: {
  /** From the Form.Item, so its label is tied to the input. */
  id?: string;
  orgId: number;
  single: boolean;
  value?: number[];
  onChange?: (v: number[]) => void;
  autoFocus?: boolean;
}) {
  const { L } = useLang();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['units', 'pick', orgId, q],
    queryFn: () => get<Page<Unit>>(`/api/orgs/${orgId}/units${qs({ q: q || undefined, active: 'true', limit: 50 })}`),
  });
  const [known, setKnown] = useState<Record<number, string>>({});
  const results = (found.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  const earlier = (value ?? [])
    .filter((id) => known[id] && !results.some((o) => o.value === id))
    .map((id) => ({ value: id, label: known[id] }));
  const options = [...results, ...earlier];
  const pick = (ids: number[]) => {
    setKnown((k) => ({ ...k, ...Object.fromEntries(results.filter((o) => ids.includes(o.value)).map((o) => [o.value, o.label])) }));
    onChange?.(ids);
  };
  const common = {
    showSearch: { filterOption: false, onSearch: (v: string) => setQ(v.trim()) },
    loading: found.isFetching,
    options,
    placeholder: L('搜索承办单位', 'Search units'),
    autoFocus,
    id,
  };
  return single ? (
    <Select {...common} value={value?.[0]} onChange={(v: number) => pick([v])} />
  ) : (
    <Select {...common} mode="multiple" value={value} onChange={(v: number[]) => pick(v)} />
  );
}

/** The organization's leaders, for a key proposal's supervising leader. */
export function LeaderPicker({
  id,
  orgId,
  value,
  onChange,
}: {
  id?: string;
  orgId: number;
  value?: number | null;
  onChange?: (v: number | null) => void;
}) {
  const { L } = useLang();
  const leaders = useQuery({
    queryKey: ['proposal-leaders', orgId],
    queryFn: () => get<{ items: Array<{ id: number; name: string }> }>(`/api/orgs/${orgId}/proposal-leaders`),
  });
  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(v?: number) => onChange?.(v ?? null)}
      loading={leaders.isFetching}
      options={(leaders.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
      placeholder={L('选择督办领导', 'Pick the supervising leader')}
      notFoundContent={L('本组织尚无领导账号', 'No leader accounts in this organization')}
    />
  );
}
