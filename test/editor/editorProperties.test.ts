import {
	committedSnapshots,
	editorSnapshots,
	SNAPSHOT_COMMAND,
	snapshotProblems,
} from '../harness/editorProperties';

/**
 * docs/editor-properties/ holds every node's properties per version as the editor gets them
 * (issue 26, ask 3): a change to what the editor shows must come with the regenerated files, so
 * that a reviewer sees it in the diff.
 */

const expected = editorSnapshots();

test('every node version has its properties file, and each matches what the node declares now', () => {
	const problems = snapshotProblems(expected, committedSnapshots());
	if (problems.length > 0) {
		throw new Error(
			`docs/editor-properties/ is out of date: ${problems.join('; ')}. Run \`${SNAPSHOT_COMMAND}\` and commit the result.`,
		);
	}
	expect(expected.size).toBeGreaterThanOrEqual(10);
});

test('the check notices a changed, a missing and a stray file', () => {
	const committed = new Map(expected);
	const [first, second] = [...expected.keys()];
	committed.set(first, committed.get(first)!.replace('"properties": [', '"properties": [\n\t\t{ "name": "planted" },'));
	committed.delete(second);
	committed.set('noSuchNode.v1.json', '{}\n');
	expect(snapshotProblems(expected, committed)).toEqual([
		`${first} differs from the node's properties`,
		`${second} is missing`,
		'noSuchNode.v1.json belongs to no node version',
	]);
});

test('a version rule is applied: properties shown only from a later version are absent from version 1', () => {
	type Snapshot = { properties: Array<{ name: string; displayOptions?: { show?: Record<string, unknown> } }> };
	const v1 = JSON.parse(expected.get('workItems.v1.json')!) as Snapshot;
	const v3 = JSON.parse(expected.get('workItems.v3.json')!) as Snapshot;
	const gated = (snapshot: Snapshot) => snapshot.properties.filter((property) => property.displayOptions?.show?.['@version'] !== undefined);
	expect(v3.properties.length).toBeGreaterThan(v1.properties.length);
	expect(gated(v3).length).toBeGreaterThan(0);
	const rules = (snapshot: Snapshot) => gated(snapshot).map((property) => JSON.stringify(property.displayOptions?.show?.['@version']));
	// Version 1 keeps what version 1 shows ([1], "before 3"); version 3 what 3 shows ("from 2", "from 3").
	expect(new Set(rules(v1))).toEqual(new Set(['[1]', '[{"_cnd":{"lt":3}}]']));
	expect(new Set(rules(v3))).toEqual(new Set(['[{"_cnd":{"gte":2}}]', '[{"_cnd":{"gte":3}}]']));
});
