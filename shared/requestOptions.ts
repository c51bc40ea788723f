import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { beforeVersion } from './versions';

/**
 * "Request Options", the same on every action node: how many items' requests are in flight
 * (and an optional pause between batches, like the HTTP Request node's Batching), and, where
 * the API documents a rate limit, pacing requests to it instead of provoking 429s. Newer node
 * versions keep them under each operation's Options, older ones in a collection of their own.
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

/** Items in Flight when left unset, up to the version in `manyInFlightFrom`. */
export const DEFAULT_BATCH_SIZE = 100;

/**
 * Items in Flight when left unset from `manyInFlightFrom` on. Measured in n8n (bench part 1):
 * with 100 requests in flight n8n's per-request work runs in smaller bursts and 1,000 ticket
 * calls take 1.1-2.0 x as long as with 1,000, which is how the HTTP Request node sends them.
 */
export const MANY_IN_FLIGHT = 1000;

/** Where a node keeps Request Options, and which rate-limit fields it offers. */
export interface RequestOptionsSettings {
	/** The rate-limit fields of an API that documents a limit. */
	pacing?: INodeProperties[];
	/**
	 * The node version from which Request Options are an entry of each operation's Options, as the
	 * HTTP Request node keeps Batching under Options. Older versions keep the collection of their
	 * own that their saved workflows hold (`requestOptions.*`).
	 */
	inOptionsFrom: number;
	/**
	 * The node version from which Items in Flight defaults to MANY_IN_FLIGHT instead of
	 * DEFAULT_BATCH_SIZE; left out where an API rate limit, not concurrency, sets the pace.
	 */
	manyInFlightFrom?: number;
}

/** What Items in Flight is for a node of this version when the user leaves it unset. */
export function itemsInFlightDefault(
	settings: RequestOptionsSettings,
	typeVersion: number,
): number {
	const { manyInFlightFrom } = settings;
	return manyInFlightFrom !== undefined && typeVersion >= manyInFlightFrom
		? MANY_IN_FLIGHT
		: DEFAULT_BATCH_SIZE;
}

function requestOptionFields(
	pacing: INodeProperties[],
	itemsInFlight = DEFAULT_BATCH_SIZE,
): INodeProperties[] {
	return [
		{
			displayName: 'Items in Flight',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: itemsInFlight,
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
	];
}

/** Before `inOptionsFrom`: the node-wide collection of its own. */
export function requestOptionsProperty(settings: RequestOptionsSettings): INodeProperties {
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: beforeVersion(settings.inOptionsFrom),
		options: requestOptionFields(settings.pacing ?? []),
	};
}

/**
 * From `inOptionsFrom`: one entry of the operation's Options collection holding the same fields
 * (a group, as the HTTP Request node's Batching, so its names cannot meet an operation's own
 * options such as the bulk operations' Batch Size).
 */
export function requestOptionsOption(
	settings: RequestOptionsSettings,
	itemsInFlight = DEFAULT_BATCH_SIZE,
): INodeProperties {
	return {
		displayName: 'Request Options',
		name: REQUEST_OPTIONS_OPTION,
		type: 'fixedCollection',
		placeholder: 'Add request options',
		default: { [REQUEST_OPTIONS_GROUP]: {} },
		description: 'How many items are processed at once, and pauses or pacing between requests',
		options: [
			{
				displayName: 'Request Options',
				name: REQUEST_OPTIONS_GROUP,
				values: requestOptionFields(settings.pacing ?? [], itemsInFlight),
			},
		],
	};
}

const REQUEST_OPTIONS_OPTION = 'requestOptions';
const REQUEST_OPTIONS_GROUP = 'values';

/** The Request Options a node of this version holds: the collection's value, or the Options entry's. */
export function requestOptionsValue(
	settings: RequestOptionsSettings,
	typeVersion: number,
	read: (parameter: 'requestOptions' | 'options') => unknown,
): unknown {
	if (typeVersion < settings.inOptionsFrom) return read('requestOptions');
	const options = asObject(read('options'));
	return asObject(options[REQUEST_OPTIONS_OPTION])[REQUEST_OPTIONS_GROUP];
}

function asObject(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: {};
}

/**
 * Reads Request Options from the collection's value (node-wide: the first item's values apply
 * to the run). A trigger has no collection and passes nothing: the defaults apply.
 */
export function parseRequestOptions(
	value: unknown,
	rateLimit?: RateLimitDefaults,
	itemsInFlight = DEFAULT_BATCH_SIZE,
): RequestOptions {
	const raw = asObject(value);
	const number = (entry: unknown, fallback: number, min: number) => {
		const parsed = Number(entry);
		return entry === undefined || entry === '' || !Number.isFinite(parsed)
			? fallback
			: Math.max(min, parsed);
	};
	const options: RequestOptions = {
		batchSize: Math.floor(number(raw.batchSize, itemsInFlight, 1)),
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
