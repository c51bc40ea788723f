import type { INodeListSearchResult } from 'n8n-workflow';

/**
 * The SailPoint nodes' list searches (resource locators), e.g. picking an identity or a work item
 * from ISC instead of typing its ID. None yet: each one lands here and the node exposes this
 * object as `methods.listSearch`.
 */
export const listSearch: Record<string, (...args: never[]) => Promise<INodeListSearchResult>> = {};
