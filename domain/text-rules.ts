/**
 * What text may not contain, without a schema library: the API's schemas (`./text`) and the
 * workflow's shape checks (`./shapes`) both ask this, so one rule answers everywhere.
 */

/** C0 controls except tab, line feed and carriage return; DEL; C1 controls; unpaired UTF-16 surrogates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
/** In single-line values (names, filters, ids) line breaks and tabs are refused too. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_IN_LINE = /[\u0000-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

export function hasControlCharacters(value: string, multiline = true): boolean {
  return (multiline ? FORBIDDEN_IN_TEXT : FORBIDDEN_IN_LINE).test(value);
}
