import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * "Request Options", the same on every action node: how many items' requests are in flight
 * (and an optional pause between batches, like the HTTP Request node's Batching), and, where
 * the API documents a rate limit, pacing requests to it instead of provoking 429s.
 */

export interface RequestOptions {
	batchSize: number;
	batchIntervalMs: number;
	/** Requests per window the client keeps to; undefined when pacing is off. */
	pace?: { requests: number; windowMs: number };
}

/** The values the rate-limit fields fall back to when the user leaves them unset. */
export interface RateLimitDefaults {
	/** Whether pacing is on unless the user turns it off. */
	enabled: boolean;
	requests: number;
	windowSeconds: number;
}

export const DEFAULT_BATCH_SIZE = 100;

/** The collection; `pacing` adds the rate-limit fields of an API that documents a limit. */
export function requestOptionsProperty(pacing: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Items in Flight',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 100,
				description:
					"How many input items are processed at once (n8n's HTTP Request node sends all at once). Output order and pairing stay as the input. Use 1 to send one request at a time.",
			},
			{
				displayName: 'Batch Interval (Ms)',
				name: 'batchInterval',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Pause between batches of "Items in Flight" items, in milliseconds. 0 keeps requests flowing without pauses.',
			},
			...pacing,
		],
	};
}

/**
 * Reads Request Options from the collection's value (node-wide: the first item's values apply
 * to the run). A trigger has no collection and passes nothing: the defaults apply.
 */
export function parseRequestOptions(value: unknown, rateLimit?: RateLimitDefaults): RequestOptions {
	const raw: IDataObject =
		typeof value === 'object' && value !== null && !Array.isArray(value)
			? (value as IDataObject)
			: {};
	const number = (entry: unknown, fallback: number, min: number) => {
		const parsed = Number(entry);
		return entry === undefined || entry === '' || !Number.isFinite(parsed)
			? fallback
			: Math.max(min, parsed);
	};
	const options: RequestOptions = {
		batchSize: Math.floor(number(raw.batchSize, DEFAULT_BATCH_SIZE, 1)),
		batchIntervalMs: number(raw.batchInterval, 0, 0),
	};
	const paced =
		raw.paceRequests === undefined ? rateLimit?.enabled === true : raw.paceRequests === true;
	if (rateLimit && paced) {
		options.pace = {
			requests: Math.floor(number(raw.rateLimitRequests, rateLimit.requests, 1)),
			windowMs: number(raw.rateLimitWindow, rateLimit.windowSeconds, 0.1) * 1000,
		};
	}
	return options;
}
