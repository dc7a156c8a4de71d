import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import type { Member } from '@common/people';
import type { LinkCandidate, LinkKind } from '@common/worksystem';
import { get, qs, type Page } from '../api';
import type { Unit } from '../data';
import { useLang } from '../i18n';

/** `value` once it has stopped changing for `ms` (search boxes query the server after a pause, not per key). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Handling units of the organization, searched on the server; `single` picks one. Keeps names of units picked under an earlier search. */
export function UnitPicker({
  id,
  orgId,
  single,
  value,
  onChange,
  autoFocus,
  names,
}: {
  /** From the Form.Item, so its label is tied to the input. */
  id?: string;
  orgId: number;
  single: boolean;
  value?: number[];
  onChange?: (v: number[]) => void;
  autoFocus?: boolean;
  /** Names of units already picked (from the record), so they show as names before any search finds them. */
  names?: readonly { id: number; name: string }[];
}) {
  const { L } = useLang();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['units', 'pick', orgId, q],
    queryFn: () => get<Page<Unit>>(`/api/orgs/${orgId}/units${qs({ q: q || undefined, active: 'true', limit: 50 })}`),
  });
  const [known, setKnown] = useState<Record<number, string>>(() => Object.fromEntries((names ?? []).map((u) => [u.id, u.name])));
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

/**
 * Members of the organization, searched on the server by name (debounced). `known` gives the names of members
 * already chosen (e.g. a saved record's co-authors) so they show by name before any search; names picked under an
 * earlier search are kept too. `exclude` hides members who cannot be chosen (e.g. the first author);
 * `excludeAccountId` hides the member linked to that account (the caller, before their member id is known).
 */
export function MemberPicker({
  id,
  orgId,
  value,
  onChange,
  known = [],
  exclude = [],
  excludeAccountId,
  maxCount,
  placeholder,
  disabled,
}: {
  /** From the Form.Item, so its label is tied to the input. */
  id?: string;
  orgId: number;
  value?: number[];
  onChange?: (v: number[]) => void;
  known?: Array<{ id: number; name: string }>;
  exclude?: number[];
  excludeAccountId?: number;
  maxCount?: number;
  placeholder?: string;
  disabled?: boolean;
}) {
  const { L } = useLang();
  const [q, setQ] = useState('');
  const dq = useDebounced(q, 250);
  const found = useQuery({
    queryKey: ['members', 'pick', orgId, dq],
    queryFn: () => get<Page<Member>>(`/api/orgs/${orgId}/members${qs({ q: dq || undefined, active: 'true', limit: 30 })}`),
    placeholderData: keepPreviousData,
    enabled: !disabled,
  });
  const [picked, setPicked] = useState<Record<number, string>>({});
  const names = new Map<number, string>(known.map((m) => [m.id, m.name]));
  for (const [k, v] of Object.entries(picked)) names.set(Number(k), v);
  const results = (found.data?.items ?? []).filter(
    (m) => !exclude.includes(m.id) && (excludeAccountId == null || m.accountId !== excludeAccountId),
  );
  for (const m of results) names.set(m.id, m.name);
  const shown = new Set([...results.map((m) => m.id), ...(value ?? [])]);
  const options = [...shown].map((mid) => ({ value: mid, label: names.get(mid) ?? `#${mid}` }));
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={(ids: number[]) => {
        setPicked((k) => ({ ...k, ...Object.fromEntries(ids.filter((i) => names.has(i)).map((i) => [i, names.get(i)!])) }));
        onChange?.(ids);
      }}
      showSearch={{ filterOption: false, onSearch: (v: string) => setQ(v.trim()) }}
      loading={found.isFetching}
      options={options}
      maxCount={maxCount}
      disabled={disabled}
      placeholder={placeholder ?? L('搜索委员姓名', 'Search members')}
      notFoundContent={found.isFetching ? null : L('没有找到委员', 'No member found')}
    />
  );
}

/**
 * A record of the organization that a work-system fulfilment may link to (activity, proposal, outcome or
 * information instruction), searched on the server by title or instruction words (debounced), newest first.
 */
export function WorkLinkPicker({
  id,
  orgId,
  kind,
  value,
  onChange,
}: {
  id?: string;
  orgId: number;
  kind: LinkKind | undefined;
  value?: number | null;
  onChange?: (v: number | null) => void;
}) {
  const { L } = useLang();
  const [q, setQ] = useState('');
  const dq = useDebounced(q, 300);
  const found = useQuery({
    queryKey: ['work-link-candidates', orgId, kind, dq],
    queryFn: () => get<{ items: LinkCandidate[] }>(`/api/orgs/${orgId}/work-link-candidates${qs({ kind, q: dq || undefined })}`),
    enabled: !!kind,
    placeholderData: keepPreviousData,
  });
  // The label of the chosen record stays while later searches no longer list it.
  const [chosen, setChosen] = useState<{ value: number; label: string } | null>(null);
  const text = (c: LinkCandidate) => (c.date ? `${c.date} · ${c.label}` : c.label);
  const results = (found.data?.items ?? []).map((c) => ({ value: c.id, label: text(c) }));
  const options = value != null && chosen?.value === value && !results.some((o) => o.value === value) ? [...results, chosen] : results;
  return (
    <Select
      id={id}
      allowClear
      disabled={!kind}
      value={value ?? undefined}
      onChange={(v?: number) => {
        setChosen(options.find((o) => o.value === v) ?? null);
        onChange?.(v ?? null);
      }}
      showSearch={{ filterOption: false, onSearch: (v: string) => setQ(v.trim()) }}
      loading={found.isFetching}
      options={options}
      placeholder={
        kind
          ? L('输入标题、领导或批示内容查找', 'Type words of the title, leader or instruction')
          : L('先选择关联记录类型', 'Choose the kind first')
      }
      notFoundContent={found.isFetching ? null : L('没有找到记录', 'No record found')}
      data-testid="work-link-picker"
    />
  );
}
