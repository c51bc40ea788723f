import type {
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

/** Who may call a vendor: a node run, a poll, the editor's list loading, a webhook trigger's (de)activation. */
export type ApiContext =
	IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IHookFunctions;
