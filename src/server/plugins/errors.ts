import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { fieldLabel, message, reasonText, type Lang, type ReasonCode } from '@common/messages';
import { AppError } from '@server/lib/errors';

interface ZodIssueLike {
  code?: string;
  path?: Array<string | number>;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  values?: unknown[];
  format?: string;
  input?: unknown;
  message?: string;
}

function reasonOf(issue: ZodIssueLike): { reason: ReasonCode; params: Record<string, unknown> } {
  switch (issue.code ?? '') {
    case 'invalid_type':
      // zod omits the input unless asked; its message says "received undefined" for a missing value.
      return ('input' in issue && issue.input != null) || (!('input' in issue) && !/received (undefined|null)/.test(issue.message ?? ''))
        ? { reason: 'invalid_type', params: {} }
        : { reason: 'required', params: {} };
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? { reason: 'required', params: {} } : { reason: 'too_short', params: { min: issue.minimum } };
      return { reason: 'too_small', params: { min: issue.minimum } };
    case 'too_big':
      return issue.origin === 'string' ? { reason: 'too_long', params: { max: issue.maximum } } : { reason: 'too_big', params: { max: issue.maximum } };
    case 'invalid_value':
    case 'invalid_enum_value':
      return { reason: 'invalid_option', params: { options: (issue.values ?? []).join(' / ') } };
    case 'invalid_format':
      if (issue.format === 'date') return { reason: 'invalid_date', params: {} };
      if (issue.format === 'email') return { reason: 'invalid_email', params: {} };
      if (issue.message === 'phone') return { reason: 'invalid_phone', params: {} };
      return { reason: 'invalid_format', params: {} };
    case 'unrecognized_keys':
      return { reason: 'unknown_field', params: {} };
    case 'custom':
      if (issue.message && issue.message in { invalid_phone: 1, date_order: 1, invalid_date: 1 }) return { reason: issue.message as ReasonCode, params: {} };
      return { reason: 'invalid_format', params: {} };
    default:
      return { reason: 'invalid_format', params: {} };
  }
}

export function localizeIssue(issue: ZodIssueLike, lang: Lang): { field: string; message: string } {
  const field = (issue.path ?? []).join('.');
  const { reason, params } = reasonOf(issue);
  return { field, message: message('validation', lang, { field: fieldLabel(field, lang), reason: reasonText(reason, lang, params) }) };
}

interface PgErrorLike {
  code?: string;
  detail?: string;
}

const camel = (s: string) => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** "Key (org_id, name)=(5, 民盟) already exists." → the last column that is not the tenant, and its value. */
export function duplicateKey(detail: string | undefined): { field: string; value: string } {
  const m = /Key \((.+)\)=\((.*)\) already exists/.exec(detail ?? '');
  if (!m) return { field: '', value: '' };
  const cols = m[1].split(', ').map((c) => c.replace(/^\w+\((\w+)\)$/, '$1'));
  const vals = m[2].split(', ');
  let i = cols.length - 1;
  while (i > 0 && cols[i] === 'org_id') i--;
  return { field: camel(cols[i]), value: vals[i] ?? '' };
}

/** Every error leaves as {code, message, field} in the caller's language; nothing a user types yields 500. */
export default fp(async (app) => {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const lang = req.lang ?? 'zh-CN';
    if (err instanceof AppError) {
      return reply.code(err.status).send({ code: err.code, message: err.localized(lang), field: err.opts.field, details: err.opts.details });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => {
        // fastify-type-provider-zod puts the zod issue's own fields (minimum, origin, values …) in params.
        const raw: ZodIssueLike = { ...(v.params as ZodIssueLike), code: v.keyword, path: v.instancePath.split('/').filter(Boolean), message: v.message };
        return localizeIssue(raw, lang);
      });
      return reply.code(400).send({ code: 'validation', message: issues[0]?.message ?? message('bad_request', lang), field: issues[0]?.field, details: issues });
    }
    if (err.statusCode === 429) {
      return reply.code(429).send({ code: 'rate_limited', message: message('rate_limited', lang) });
    }
    // Postgres unique violation: a value someone typed already exists.
    const pgErr = ((err as { cause?: PgErrorLike }).cause ?? err) as PgErrorLike;
    const pgCode = pgErr.code;
    if (pgCode === '23505') {
      const { field, value } = duplicateKey(pgErr.detail);
      return reply.code(409).send({ code: 'duplicate', field, message: message('duplicate', lang, { field: fieldLabel(field, lang), value }) });
    }
    if (pgCode === '23503') {
      // Inserting/updating a reference to a row that does not exist is bad input naming that field;
      // deleting a row that others still reference is a conflict.
      const missing = /Key \((\w+)\)=\((.*)\) is not present/.exec(pgErr.detail ?? '');
      if (missing) {
        const field = camel(missing[1]);
        return reply.code(400).send({ code: 'validation', field, message: message('validation', lang, { field: fieldLabel(field, lang), reason: reasonText('unknown_ref', lang, { value: missing[2] }) }) });
      }
      return reply.code(409).send({ code: 'in_use', message: message('in_use', lang) });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ code: err.code ?? 'bad_request', message: message('bad_request', lang) + (lang === 'en' ? `: ${err.message}` : `：${err.message}`) });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ code: 'internal', message: message('internal', lang) });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ code: 'not_found', message: message('not_found', req.lang ?? 'zh-CN') });
  });
});
