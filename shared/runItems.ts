import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { mapInOrder } from './concurrency';
import { DEFAULT_BATCH_SIZE, type RequestOptions } from './requestOptions';

/**
 * The per-item loop of every action node. Items run with bounded concurrency (several
 * requests in flight, as n8n's HTTP Request node does), yet the output keeps input order and
 * each output item is paired to the input item it came from. With "Continue On Fail" a
 * failing item becomes an error item in its place and the others go on; without it the first
 * failure stops the node once the requests already in flight have settled.
 */

export type ItemResult = IDataObject | IDataObject[];

type ItemOperation = (itemIndex: number) => Promise<ItemResult>;

export async function runPerItem(
	context: IExecuteFunctions,
	operate: ItemOperation,
	batching: Pick<RequestOptions, 'batchSize' | 'batchIntervalMs'> = {
		batchSize: DEFAULT_BATCH_SIZE,
		batchIntervalMs: 0,
	},
): Promise<INodeExecutionData[][]> {
	const indexes = context.getInputData().map((_item, itemIndex) => itemIndex);
	const continueOnFail = context.continueOnFail();
	const runOne = async (itemIndex: number) => {
		try {
			return toItems(await operate(itemIndex), itemIndex);
		} catch (error) {
			if (!continueOnFail) throw withItemIndex(context, error, itemIndex);
			return [errorItem(error, itemIndex)];
		}
	};
	if (batching.batchIntervalMs <= 0) {
		const results = await mapInOrder(indexes, batching.batchSize, runOne);
		// One input item (a Return All): its list is the output, not copied into another.
		return [results.length === 1 ? results[0] : results.flat()];
	}
	// With an interval: one batch at a time, then the pause, as the HTTP Request node batches.
	const output: INodeExecutionData[] = [];
	for (let start = 0; start < indexes.length; start += batching.batchSize) {
		if (start > 0) await sleep(batching.batchIntervalMs);
		const batch = indexes.slice(start, start + batching.batchSize);
		for (const items of await mapInOrder(batch, batching.batchSize, runOne)) output.push(...items);
	}
	return [output];
}

function toItems(result: ItemResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	// One pairing object for all of an input's outputs (n8n only reads it): a Return All of
	// 100,000 work items keeps 3 MB less.
	const pairedItem = { item: itemIndex };
	return list.map((json) => ({ json, pairedItem }));
}

const ERROR_ITEM_FIELDS = Symbol('errorItemFields');

/**
 * Attaches fields that the Continue On Fail error item carries besides `error` and
 * `description` (e.g. which IDs of a bulk action were done and which not).
 */
export function withErrorItemFields<E extends Error>(error: E, fields: IDataObject): E {
	Object.defineProperty(error, ERROR_ITEM_FIELDS, { value: fields, enumerable: false });
	return error;
}

function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const extra = (error as { [ERROR_ITEM_FIELDS]?: IDataObject } | undefined)?.[ERROR_ITEM_FIELDS];
	const json: IDataObject = { error: messageOf(error), ...(extra ?? {}) };
	const description = (error as { description?: unknown })?.description;
	if (typeof description === 'string' && description !== '') json.description = description;
	const httpCode = (error as { httpCode?: unknown })?.httpCode;
	if (typeof httpCode === 'string' && httpCode !== '') json.httpCode = httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function withItemIndex(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), messageOf(error), { itemIndex });
}
