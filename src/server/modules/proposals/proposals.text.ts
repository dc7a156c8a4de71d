import sanitizeHtml from 'sanitize-html';

/**
 * The proposal body is rich text. Only a conservative set of structural tags survives; every attribute, link,
 * image, style and script (with its content) is dropped.
 */
const BODY_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'ol', 'ul', 'li', 'h3', 'h4', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: {},
  allowedSchemes: [],
  disallowedTagsMode: 'discard',
};

export const sanitizeBody = (html: string): string => sanitizeHtml(html, BODY_OPTIONS).trim();

/** The visible text of a body, whitespace collapsed. */
export const plainText = (html: string): string =>
  sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
