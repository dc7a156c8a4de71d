import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Catalog, CatalogItemView, Org, SessionView, TermView } from '@common/orgs';
import type { Member, Unit, Collective } from '@common/people';
import type { Account } from '@common/accounts';
import { get, qs, type Page } from './api';

export type Term = z.infer<typeof TermView>;
export type PlenarySession = z.infer<typeof SessionView>;
export type CatalogItem = z.infer<typeof CatalogItemView>;
export type { Member, Unit, Collective, Account, Org };

type Params = Record<string, string | number | boolean | null | undefined>;

export const useOrgs = () => useQuery({ queryKey: ['orgs'], queryFn: () => get<{ items: Org[] }>('/api/orgs') });
export const useTerms = (orgId: number) => useQuery({ queryKey: ['terms', orgId], queryFn: () => get<{ items: Term[] }>(`/api/orgs/${orgId}/terms`) });
export const useSessions = (orgId: number) => useQuery({ queryKey: ['sessions', orgId], queryFn: () => get<{ items: PlenarySession[] }>(`/api/orgs/${orgId}/sessions`) });
export const useCatalog = (orgId: number, catalog: Catalog, enabled = true) =>
  useQuery({ queryKey: ['catalog', orgId, catalog], queryFn: () => get<{ items: CatalogItem[] }>(`/api/orgs/${orgId}/catalogs/${catalog}`), enabled });

/** A keyset-paged list with "load more". */
export function usePaged<T>(key: string, url: string, params: Params, enabled = true, limit = 50) {
  const q = useInfiniteQuery({
    queryKey: [key, url, params],
    enabled,
    initialPageParam: '',
    queryFn: ({ pageParam }) => get<Page<T>>(url + qs({ ...params, cursor: pageParam || undefined, limit })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...q, items };
}

/** The first page of a list (for pickers and counts). */
export const useFirstPage = <T>(key: string, url: string, params: Params = {}, enabled = true, limit = 200) =>
  useQuery({ queryKey: [key, url, 'first', params, limit], enabled, queryFn: () => get<Page<T>>(url + qs({ ...params, limit })) });
