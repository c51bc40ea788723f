import type { INode } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import { optionalText, requireText, truncate } from '../../shared/validation';

/** Every object in TPP's tree has a DN under the root `\VED`, e.g. `\VED\Policy\Certificates`. */
const TPP_DN = /^\\VED(\\.*)?$/i;

export function requireDn(node: INode, value: unknown, field: string, itemIndex: number): string {
	const text = requireText(node, value, field, itemIndex);
	if (!TPP_DN.test(text)) {
		throw parameterError(
			node,
			`The "${field}" parameter must be a TPP distinguished name starting with \\VED\\, e.g. \\VED\\Policy\\Certificates, but it is "${truncate(text)}"`,
			itemIndex,
		);
	}
	return text.replace(/\\+$/, '');
}

export function optionalDn(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): string | undefined {
	return optionalText(node, value, field, itemIndex) === undefined
		? undefined
		: requireDn(node, value, field, itemIndex);
}
