import type { INodeProperties } from 'n8n-workflow';

import type { RateLimitDefaults } from '../../shared/requestOptions';

/** ISC's documented limit: 100 requests per 10 seconds per access token. */
export const ISC_RATE_LIMIT: RateLimitDefaults = {
	enabled: true,
	requests: 100,
	windowSeconds: 10,
};

/** The Request Options fields for pacing ISC calls (defaults: the limit above). */
export const iscPacingOptions: INodeProperties[] = [
	{
		displayName: 'Pace Requests to the Rate Limit',
		name: 'paceRequests',
		type: 'boolean',
		default: true,
		description:
			"Whether to space requests so they stay within ISC's rate limit (100 requests per 10 seconds per access token) instead of being refused with 429. Pacing counts the requests of this n8n process; when other processes use the same token (queue-mode workers) and ISC answers 429, it slows down and recovers gradually.",
	},
	{
		displayName: 'Rate Limit Requests',
		name: 'rateLimitRequests',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 100,
		description: 'How many requests the rate limit allows per window',
	},
	{
		displayName: 'Rate Limit Window (Seconds)',
		name: 'rateLimitWindow',
		type: 'number',
		typeOptions: { minValue: 0.1 },
		default: 10,
		description: "The length of the rate limit's window, in seconds",
	},
];
