import { fieldLabel, message, reasonText, type Lang, type MessageCode, type ReasonCode } from '@common/messages';

/** An error the API reports to the caller with a status, a stable code and (optionally) a field. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageCode | string,
    readonly opts: { field?: string; params?: Record<string, unknown>; reason?: ReasonCode; details?: unknown } = {},
  ) {
    super(code);
  }

  localized(lang: Lang): string {
    const { field, params = {}, reason } = this.opts;
    if (reason) {
      return message('validation', lang, { field: fieldLabel(field, lang), reason: reasonText(reason, lang, params) });
    }
    try {
      return message(this.code as MessageCode, lang, { ...params, field: fieldLabel(field, lang) });
    } catch {
      return this.code;
    }
  }
}

export const notFound = () => new AppError(404, 'not_found');
export const forbidden = () => new AppError(403, 'forbidden');
export const staleVersion = () => new AppError(409, 'conflict_version', { field: 'version' });
export const invalid = (field: string, reason: ReasonCode, params: Record<string, unknown> = {}) =>
  new AppError(400, 'validation', { field, reason, params });
