import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { mapInOrder } from '../../shared/concurrency';
import type { Connection } from '../../shared/transport/connection';
import { tppRequest } from '../transport';
import { identityDisplayName, toTppIdentities } from './identities';

/**
 * Names for the identities TPP writes as prefixed universal IDs (ticket approvers, a Flow
 * ticket's requester): POST Identity/Validate, which "validates and returns missing information
 * about an identity" (its FullName and Name). TPP's reference offers one identity per call and
 * no list form, so each distinct identity is asked once per run (per connection), however many
 * tickets name it, with a few calls in flight. An identity TPP does not know (an empty answer),
 * a token without the "configuration" scope (403; asked no more for the rest of the run) or any
 * other failure leaves the ID as it is: a name is a convenience and never fails the operation.
 */

/** Identity/Validate calls in flight at once. */
const NAME_CONCURRENCY = 5;

class IdentityNames {
	private readonly names = new Map<string, Promise<string | undefined>>();

	/** TPP refused Identity/Validate for the token's scope: no more calls this run. */
	private refused = false;

	constructor(private readonly connection: Connection) {}

	/** The name of each ID, in order; an ID without a name stays as it is. */
	async namesOf(ids: readonly string[], itemIndex: number): Promise<string[]> {
		const [first, ...others] = [...new Set(ids)];
		// The first alone: a token without the scope is then refused once, not once per call in flight.
		if (first !== undefined) await this.nameOf(first, itemIndex);
		await mapInOrder(others, NAME_CONCURRENCY, async (id) => await this.nameOf(id, itemIndex));
		return await Promise.all(ids.map(async (id) => (await this.nameOf(id, itemIndex)) ?? id));
	}

	/** The name TPP gives the identity, or undefined; asked at most once per identity. */
	async nameOf(id: string, itemIndex: number): Promise<string | undefined> {
		const key = id.trim().toLowerCase();
		let name = this.names.get(key);
		if (name === undefined) {
			name = this.validate(id, itemIndex);
			this.names.set(key, name);
		}
		return await name;
	}

	private async validate(id: string, itemIndex: number): Promise<string | undefined> {
		if (this.refused) return undefined;
		let identity: IDataObject;
		try {
			[identity] = toTppIdentities(this.connection.context.getNode(), id, 'Identity', itemIndex);
		} catch {
			return undefined;
		}
		if (identity === undefined) return undefined;
		try {
			const response = await tppRequest(this.connection, {
				method: 'POST',
				endpoint: 'Identity/Validate',
				body: { ID: identity },
				itemIndex,
			});
			const found = (response.body as IDataObject | undefined)?.ID;
			if (typeof found !== 'object' || found === null || Array.isArray(found)) return undefined;
			return identityDisplayName(found as IDataObject) || undefined;
		} catch (error) {
			if (error instanceof NodeApiError && String(error.httpCode) === '403') this.refused = true;
			return undefined;
		}
	}
}

const perConnection = new WeakMap<Connection, IdentityNames>();

/** The run's name lookups (one cache per connection, i.e. per node run or picker load). */
export function identityNames(connection: Connection): IdentityNames {
	let names = perConnection.get(connection);
	if (names === undefined) {
		names = new IdentityNames(connection);
		perConnection.set(connection, names);
	}
	return names;
}

/** The prefixed IDs in a ticket's Approvers (TPP's Details answers a list of texts). */
export function approverIds(value: unknown): string[] {
	return Array.isArray(value)
		? value.filter((entry): entry is string => typeof entry === 'string' && entry !== '')
		: [];
}
