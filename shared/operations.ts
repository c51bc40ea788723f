import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { RateLimitDefaults, RequestOptions, RequestOptionsSettings } from './requestOptions';
import {
	DEFAULT_BATCH_SIZE,
	itemsInFlightDefault,
	MANY_IN_FLIGHT,
	parseRequestOptions,
	requestOptionsOption,
	requestOptionsProperty,
	requestOptionsValue,
} from './requestOptions';
import type { ItemResult } from './runItems';
import { runPerItem } from './runItems';
import type { Connection, ConnectionOptions } from './transport/connection';
import { retrySettings, type RetrySettings } from './transport/retry';
import { inVersionRange } from './versions';

/**
 * How operations are declared and reached, as n8n's own versioned nodes do it (Airtable v2):
 * each `actions/<resource>/<operation>.operation.ts` exports its `option`, its `description`
 * (parameters, without display options), whether it is `idempotent`, and `execute` for one
 * input item; `actions/<resource>/index.ts` lists the operations once. The node's Operation
 * list, its parameters, its subtitle and its router are all derived from that list, so adding
 * an operation is one new file and one line.
 */

export interface OperationOption {
	/** As the editor lists it, e.g. "Get Many". */
	name: string;
	/** The saved parameter value (public API: never renamed). */
	value: string;
	/** The action's sentence shown in the node panel, e.g. "Get many tickets". */
	action: string;
	description: string;
	/**
	 * The description from node version `version` on, where what the operation returns changed
	 * in that version (older versions keep `description`; the action stays the same).
	 */
	descriptionFrom?: { version: number; description: string };
}

export interface Operation {
	option: OperationOption;
	/** The operation's parameters; shown for this resource and operation only. */
	description: INodeProperties[];
	/**
	 * Whether sending this operation's requests twice leaves the same result as once (reads, and
	 * writes that set a state). Decides whether a 5xx or a dropped connection is retried.
	 */
	idempotent: boolean;
	/**
	 * The node's subtitle for this operation: text, or `{ expression }`, a JavaScript expression
	 * over `$parameter` (e.g. the chosen status).
	 */
	subtitle: string | { expression: string };
	execute(this: IExecuteFunctions, itemIndex: number, connection: Connection): Promise<ItemResult>;
}

export interface Resource {
	/** As the editor lists it, e.g. "Ticket". */
	name: string;
	/** The saved parameter value (public API). */
	value: string;
	operations: readonly Operation[];
	/** The operation a new node starts with. */
	defaultOperation: string;
}

/**
 * The Resource and Operation parameters, then every operation's parameters, then Request
 * Options where the node's version keeps them apart. `versions`: the node's versions, needed
 * when an operation's description changes in one of them (`descriptionFrom`).
 */
export function resourceProperties(
	resources: readonly Resource[],
	requestOptions: RequestOptionsSettings,
	versions: readonly number[] = [],
): INodeProperties[] {
	const firstResource = resources[0].value;
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map(({ name, value }) => ({ name, value })),
			default: firstResource,
		},
		...resources.flatMap((resource) => operationProperties(resource, requestOptions, versions)),
		requestOptionsProperty(requestOptions),
	];
}

function operationProperties(
	resource: Resource,
	requestOptions: RequestOptionsSettings,
	versions: readonly number[],
): INodeProperties[] {
	const { defaultOperation } = resource;
	const operations = byName(resource.operations);
	return [
		...operationLists(resource, operations, versions).map(
			({ inVersions, options }): INodeProperties => ({
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: {
					show: {
						resource: [resource.value],
						...(inVersions === undefined ? {} : { '@version': inVersions }),
					},
				},
				options,
				default: defaultOperation,
			}),
		),
		...operations.flatMap((operation) => {
			const shown = { resource: [resource.value], operation: [operation.option.value] };
			return withRequestOptionsInOptions(
				updateDisplayOptions({ show: shown }, operation.description),
				shown,
				requestOptions,
			);
		}),
	];
}

/**
 * The Operation list: one for every version, or, where an operation's description changes in
 * a version (`descriptionFrom`), one per run of versions that read alike. Those carry the
 * versions as plain numbers: n8n's nodes panel finds a resource's actions only by version
 * numbers it can compare, and takes the first list that matches (the same actions in each).
 */
function operationLists(
	resource: Resource,
	operations: readonly Operation[],
	versions: readonly number[],
): Array<{ inVersions?: number[]; options: INodePropertyOptions[] }> {
	const optionIn = (option: OperationOption, version?: number): INodePropertyOptions => {
		const { descriptionFrom, ...shown } = option;
		return descriptionFrom && version !== undefined && version >= descriptionFrom.version
			? { ...shown, description: descriptionFrom.description }
			: shown;
	};
	if (!operations.some(({ option }) => option.descriptionFrom))
		return [{ options: operations.map(({ option }) => optionIn(option)) }];
	if (versions.length === 0)
		throw new Error(
			`The operations of resource "${resource.value}" change their description in a node version: resourceProperties needs the node's versions`,
		);
	const lists: Array<{ inVersions: number[]; options: INodePropertyOptions[] }> = [];
	for (const version of versions) {
		const options = operations.map(({ option }) => optionIn(option, version));
		const same = lists.find((list) => JSON.stringify(list.options) === JSON.stringify(options));
		if (same) same.inVersions.push(version);
		else lists.push({ inVersions: [version], options });
	}
	return lists;
}

/**
 * An operation's parameters with Request Options added to its Options collection from the
 * version that keeps them there (the collection as it was stays for older versions), or an
 * Options collection of their own where the operation has none. From `manyInFlightFrom` the
 * entry shows that version's Items in Flight default.
 */
function withRequestOptionsInOptions(
	properties: INodeProperties[],
	operationShown: Record<string, string[]>,
	settings: RequestOptionsSettings,
): INodeProperties[] {
	const options = properties.find(
		(property) => property.name === 'options' && property.type === 'collection',
	);
	const ownOptions = (options?.options as INodeProperties[] | undefined) ?? [];
	const withEntry = (itemsInFlight: number): Partial<INodeProperties> => ({
		options: [...ownOptions, requestOptionsOption(settings, itemsInFlight)].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	});
	const optionsCollection: INodeProperties = options ?? {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: operationShown },
	};
	const versioned: INodeProperties[] = [];
	// Before inOptionsFrom: the operation's own Options as they were (none: no collection).
	if (options)
		versioned.push(...inVersionRange(optionsCollection, {}, { before: settings.inOptionsFrom }));
	const many = settings.manyInFlightFrom;
	versioned.push(
		...inVersionRange(optionsCollection, withEntry(DEFAULT_BATCH_SIZE), {
			from: settings.inOptionsFrom,
			before: many,
		}),
	);
	if (many !== undefined) {
		versioned.push(...inVersionRange(optionsCollection, withEntry(MANY_IN_FLIGHT), { from: many }));
	}
	return options
		? properties.flatMap((property) => (property !== options ? [property] : versioned))
		: [...properties, ...versioned];
}

/** The node's subtitle: each operation's own, picked by the Operation parameter. */
export function operationSubtitle(resources: readonly Resource[]): string {
	const entries = resources
		.flatMap((resource) => resource.operations)
		.map(({ option, subtitle }) => {
			const value = typeof subtitle === 'string' ? JSON.stringify(subtitle) : subtitle.expression;
			return `${JSON.stringify(option.value)}: ${value}`;
		});
	return `={{ {${entries.join(', ')}}[$parameter["operation"]] }}`;
}

function byName(operations: readonly Operation[]): Operation[] {
	return [...operations].sort((a, b) => a.option.name.localeCompare(b.option.name));
}

/** What an action node gives the router besides its resources. */
interface ActionNodeSettings {
	/** Opens the vendor connection for this run. */
	connect(context: IExecuteFunctions, options: ConnectionOptions): Connection;
	/** The API's documented rate limit, when pacing is offered. */
	rateLimit?: RateLimitDefaults;
	/** Where the node keeps Request Options (the same settings its parameters were built with). */
	requestOptions: RequestOptionsSettings;
	/** Retry settings other than the defaults (tests hand them to the node's constructor). */
	retry?: Partial<RetrySettings>;
}

export type ExecuteMethod = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

/**
 * An action node's `execute`: n8n calls it with the run's context as `this`, so the settings
 * reach it through this closure (made in the node's constructor), not through the node object.
 */
export function executeOperations(
	resources: readonly Resource[],
	settings: ActionNodeSettings,
): ExecuteMethod {
	const retry = retrySettings(settings.retry);
	return async function (this: IExecuteFunctions) {
		return await routeOperation(this, resources, settings, retry);
	};
}

/**
 * Runs the chosen operation for every input item: one connection for the run, the operation's
 * idempotency declaration on it, the Request Options' concurrency and pacing.
 */
async function routeOperation(
	context: IExecuteFunctions,
	resources: readonly Resource[],
	settings: ActionNodeSettings,
	retry: RetrySettings,
): Promise<INodeExecutionData[][]> {
	// A workflow saved before its node had a Resource parameter gets the only resource there was.
	const resourceName = context.getNodeParameter('resource', 0, resources[0].value) as string;
	const resource = resources.find((entry) => entry.value === resourceName);
	const name = context.getNodeParameter('operation', 0) as string;
	const operation = resource?.operations.find((entry) => entry.option.value === name);
	if (!resource || !operation) {
		const known = resources.flatMap((entry) => entry.operations.map(({ option }) => option.value));
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${name}" is not known to this node; choose one of: ${known.join(', ')}`,
		);
	}
	const requestOptions = readRequestOptions(context, settings);
	const connection = settings.connect(context, {
		idempotent: operation.idempotent,
		retry,
		pace: requestOptions.pace,
	});
	return await runPerItem(
		context,
		async (itemIndex) => await operation.execute.call(context, itemIndex, connection),
		requestOptions,
	);
}

function readRequestOptions(
	context: IExecuteFunctions,
	{ requestOptions, rateLimit }: ActionNodeSettings,
): RequestOptions {
	const { typeVersion } = context.getNode();
	const itemsInFlight = itemsInFlightDefault(requestOptions, typeVersion);
	try {
		const value = requestOptionsValue(requestOptions, typeVersion, (name) =>
			context.getNodeParameter(name, 0, {}),
		);
		return parseRequestOptions(value, rateLimit, itemsInFlight);
	} catch {
		// An expression in the collection that fails to resolve: the defaults apply.
		return parseRequestOptions({}, rateLimit, itemsInFlight);
	}
}
