import type { INodeListSearchResult } from 'n8n-workflow';

/**
 * The Venafi nodes' list searches (resource locators), e.g. picking a workflow or an identity
 * from TPP instead of typing its DN. None yet: each one lands here and the node exposes this
 * object as `methods.listSearch`.
 */
export const listSearch: Record<string, (...args: never[]) => Promise<INodeListSearchResult>> = {};
