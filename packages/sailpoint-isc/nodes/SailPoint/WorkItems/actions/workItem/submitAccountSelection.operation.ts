import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import type { OperationOption } from '../../../../shared/operations';
import type { Connection } from '../../../../shared/transport/connection';
import { parameterError } from '../../../../shared/errors';
import { describeType, truncate } from '../../../../shared/validation';
import { callWorkItem, workItemIdOf, writeResult } from './common';
import { workItemPath } from '../../../transport/apiPaths';
import { workItemIdField } from '../../../descriptions/workItemFields';
import { versionedDefault } from '../../../../shared/versions';

export const option: OperationOption = {
	name: 'Submit Account Selection',
	value: 'submitAccountSelection',
	action: 'Submit an account selection',
	description:
		'Answers a SailPoint account selection work item (which account an access request applies to). Inputs: Work Item ID, Account Selection (a JSON object as ISC expects it). Returns the work item. Changes the work item: the selection cannot be undone.',
};

export const subtitle = 'Submit account selection';

/** Not idempotent: repeated after a 5xx or a dropped connection, the action may be applied twice. */
export const idempotent = false;

const FIELD = 'Account Selection';

export const description: INodeProperties[] = [
	workItemIdField,
	// Version 1 was pre-filled with a sample that would be sent as it is (kept for workflows
	// saved with it, which omit it); from version 2 the sample is only a placeholder.
	...versionedDefault(
		{
			displayName: 'Account Selection',
			name: 'accountSelection',
			type: 'json',
			required: true,
			default: '',
			placeholder: '{ "account": "john.smith" }',
			description:
				'The selections as a JSON object keyed on the form\'s field names (ISC\'s "Account Selection Data map"), e.g. {"account": "john.smith"}',
		},
		{ default: '{\n  "fieldName": "account"\n}' },
		{ default: '' },
	),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	const workItemId = workItemIdOf(this, itemIndex);
	const selection = readSelection(
		this,
		this.getNodeParameter('accountSelection', itemIndex, '') as unknown,
		itemIndex,
	);
	const answer = await callWorkItem(connection, {
		method: 'POST',
		endpoint: workItemPath(workItemId, 'submit-account-selection'),
		itemIndex,
		workItemId,
		body: selection,
	});
	return writeResult(answer, { id: workItemId, operation: 'submitAccountSelection' });
}

/** A JSON object with at least one field, from JSON text or an expression's object. */
function readSelection(context: IExecuteFunctions, value: unknown, itemIndex: number): IDataObject {
	const node = context.getNode();
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '')
			throw parameterError(node, `The "${FIELD}" parameter is required but is empty`, itemIndex);
		try {
			parsed = jsonParse<unknown>(value);
		} catch (error) {
			throw parameterError(
				node,
				`The "${FIELD}" parameter must be a JSON object, but it is not valid JSON: "${truncate(value.trim())}"`,
				itemIndex,
				(error as Error).message,
			);
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw parameterError(
			node,
			`The "${FIELD}" parameter must be a JSON object keyed on field names, but it is ${describeType(parsed)}`,
			itemIndex,
		);
	}
	if (Object.keys(parsed).length === 0) {
		throw parameterError(
			node,
			`The "${FIELD}" parameter is an empty object; give at least one field name and its selection`,
			itemIndex,
		);
	}
	return parsed as IDataObject;
}
