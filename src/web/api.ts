import type { ApiErrorBody, Lang } from '@common/messages';

/** An API error as the server reports it: `{code, message, field}` plus the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const state: { csrf: string; lang: Lang } = { csrf: '', lang: 'zh-CN' };
export const setCsrf = (token: string) => {
  state.csrf = token;
};
export const setApiLang = (lang: Lang) => {
  state.lang = lang;
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function headers(method: Method, json: boolean): Record<string, string> {
  const h: Record<string, string> = { 'X-Lang': state.lang, Accept: 'application/json' };
  if (json) h['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrf) h['X-CSRF-Token'] = state.csrf;
  return h;
}

async function toError(res: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> = {};
  try {
    body = (await res.json()) as Partial<ApiErrorBody>;
  } catch {
    /* not JSON */
  }
  const fallback = state.lang === 'en' ? `Request failed (${res.status})` : `请求失败（${res.status}）`;
  return new ApiError(res.status, body.code ?? 'http_' + res.status, body.message ?? fallback, body.field, body.details);
}

/** JSON request with cookies, CSRF token on state-changing methods, and the UI language. */
export async function api<T>(method: Method, url: string, body?: unknown): Promise<T> {
  const hasBody = body !== undefined;
  const res = await fetch(url, { method, credentials: 'same-origin', headers: headers(method, hasBody), body: hasBody ? JSON.stringify(body) : undefined });
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const get = <T>(url: string) => api<T>('GET', url);
export const post = <T>(url: string, body?: unknown) => api<T>('POST', url, body ?? {});
export const patch = <T>(url: string, body: unknown) => api<T>('PATCH', url, body);
export const put = <T>(url: string, body: unknown) => api<T>('PUT', url, body);
export const del = <T>(url: string) => api<T>('DELETE', url);

/** Builds a query string, leaving out empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Downloads a file (e.g. an Excel export) through fetch so errors surface as ApiError. */
export async function download(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin', headers: headers('GET', false) });
  if (!res.ok) throw await toError(res);
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd) ?? /filename="?([^";]+)"?/i.exec(cd);
  const name = m ? decodeURIComponent(m[1]) : fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Multipart upload with upload progress (XMLHttpRequest, since fetch reports none). */
export function upload<T>(url: string, file: File, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    const h = headers('POST', false);
    for (const [k, v] of Object.entries(h)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else {
        const b = (body ?? {}) as Partial<ApiErrorBody>;
        reject(new ApiError(xhr.status, b.code ?? 'http_' + xhr.status, b.message ?? `HTTP ${xhr.status}`, b.field, b.details));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', state.lang === 'en' ? 'Network error' : '网络错误'));
    const fd = new FormData();
    fd.append('file', file);
    xhr.send(fd);
  });
}
