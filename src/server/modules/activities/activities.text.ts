import sanitizeHtml from 'sanitize-html';

/** Agenda, minutes, speeches, findings: structural tags only; every attribute, link, image, style and script dropped. */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'ol', 'ul', 'li', 'h3', 'h4', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: {},
  allowedSchemes: [],
  disallowedTagsMode: 'discard',
};

export const sanitizeRich = (html: string): string => sanitizeHtml(html, OPTIONS).trim();

/** The visible text of rich text, whitespace collapsed. */
export const plainText = (html: string): string =>
  sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The time source of sign-in codes; tests replace `now` to move the clock. */
export const activityClock = { now: (): Date => new Date() };
