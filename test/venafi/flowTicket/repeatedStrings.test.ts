import type { IDataObject } from 'n8n-workflow';

import { VenafiFlowTicket } from '../../../packages/venafi-tpp/nodes/Venafi/VenafiFlowTicket/VenafiFlowTicket.node';
import { RepeatedStrings } from '../../../shared/repeatedStrings';
import { runNode } from '../../harness/run';
import { codeSignTicket } from '../../sandbox/tppFlow';
import { useTppSandbox } from '../context';

/**
 * Flow ticket Return All makes the tickets' repeated values one string (shared/repeatedStrings.ts)
 * page by page, and outputs exactly what it output without that.
 */

const tpp = useTppSandbox();

async function listAll(): Promise<IDataObject[]> {
	const result = await runNode(new VenafiFlowTicket(), { operation: 'getManyPending', returnAll: true }, { credentials: tpp.credentials() });
	expect(result.error).toBeUndefined();
	return result.items.map((item) => item.json);
}

test('each page of Get Many Pending goes through the interning, and the output is the same as without it, keys in order', async () => {
	tpp.sandbox.tpp.flow.reset(Array.from({ length: 230 }, (_entry, index) => codeSignTicket(1000 + index)));
	const spy = jest.spyOn(RepeatedStrings.prototype, 'items');
	try {
		const interned = await listAll();
		expect(spy.mock.calls.map(([page]) => page.length)).toEqual([100, 100, 30]);
		// The same listing with the interning switched off.
		spy.mockImplementation(() => undefined);
		const plain = await listAll();
		expect(interned).toHaveLength(230);
		expect(interned).toEqual(plain);
		expect(JSON.stringify(interned)).toBe(JSON.stringify(plain));
	} finally {
		spy.mockRestore();
	}
});
