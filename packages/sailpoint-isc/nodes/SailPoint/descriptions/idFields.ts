/**
 * How an ISC ID looks in the editor: the example every ID field shows, and the check of a
 * resource locator's "By ID" mode (the node checks the ID again before any request, as
 * helpers/ids.ts requireIscId does, and names the same example in its error).
 */

export const ID_EXAMPLE = '2c9180835d2e5168015d32f890ca1581';

/** By ID in the editor: one ISC ID (the node checks it again, as requireIscId does). */
export const ISC_ID_REGEX = '^\\s*[A-Za-z0-9][A-Za-z0-9._:-]{0,127}\\s*$';
export const ISC_ID_ERROR = `Enter an ISC ID such as ${ID_EXAMPLE}: letters, digits, "-", "_", "." or ":", no spaces or slashes`;
