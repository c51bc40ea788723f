/*
 * What the editor shows, as files: every node's properties for each of its versions, as n8n
 * resolves them (the description's properties, less those whose `@version` display rule hides
 * them in that version), written to docs/editor-properties/<node>.v<N>.json. The parameters are
 * assembled when a node loads (operation lists, Request Options placement, version rules), so no
 * source file shows them whole; these files do, and a change to them shows in the diff.
 *
 * `npm run snapshot:editor` writes them; test/editor/editorProperties.test.ts fails when a node's
 * properties no longer match its files.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INode, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { PACKAGES, repoRoot } from './packages';

export const SNAPSHOT_DIR = join(repoRoot, 'docs', 'editor-properties');
export const SNAPSHOT_COMMAND = 'npm run snapshot:editor';

/** Every node each package declares (package.json's n8n.nodes), loaded from its source. */
export function ourNodes(): INodeType[] {
	const nodes: INodeType[] = [];
	for (const pkg of PACKAGES) {
		const manifest = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
		for (const built of manifest.n8n.nodes) {
			const source = join(pkg.dir, built.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const exported = require(source) as Record<string, new () => INodeType>;
			for (const NodeClass of Object.values(exported)) {
				if (typeof NodeClass === 'function') nodes.push(new NodeClass());
			}
		}
	}
	return nodes;
}

/** The versions n8n offers for the node. */
export function versionsOf(description: INodeTypeDescription): number[] {
	return Array.isArray(description.version) ? [...description.version] : [description.version];
}

/** The node's properties in `version`, as the editor of that version has them. */
export function propertiesFor(description: INodeTypeDescription, version: number): INodeProperties[] {
	const node = { typeVersion: version } as INode;
	return description.properties.filter((property) => {
		const options = property.displayOptions;
		if (!options) return true;
		// Only the version rule is decided here; rules on other parameters stay in the file.
		const versionOnly = (rules?: Record<string, unknown>) =>
			rules && '@version' in rules ? { '@version': rules['@version'] } : undefined;
		const show = versionOnly(options.show);
		const hide = versionOnly(options.hide);
		if (!show && !hide) return true;
		const probe = { ...property, displayOptions: { ...(show ? { show } : {}), ...(hide ? { hide } : {}) } } as INodeProperties;
		return NodeHelpers.displayParameter({}, probe, node, description);
	});
}

/** File name → content, for every node and version. */
export function editorSnapshots(): Map<string, string> {
	const files = new Map<string, string>();
	for (const nodeType of ourNodes()) {
		const { description } = nodeType;
		for (const version of versionsOf(description)) {
			const content = { node: description.name, displayName: description.displayName, version, properties: propertiesFor(description, version) };
			files.set(`${description.name}.v${version}.json`, `${JSON.stringify(content, null, '\t')}\n`);
		}
	}
	return files;
}

/** The committed files, name → content. */
export function committedSnapshots(): Map<string, string> {
	const files = new Map<string, string>();
	let names: string[] = [];
	try {
		names = readdirSync(SNAPSHOT_DIR).filter((name) => name.endsWith('.json'));
	} catch {
		return files;
	}
	for (const name of names) files.set(name, readFileSync(join(SNAPSHOT_DIR, name), 'utf8'));
	return files;
}

/** What differs between the files the nodes make and the committed ones (empty: up to date). */
export function snapshotProblems(expected: Map<string, string>, committed: Map<string, string>): string[] {
	const problems: string[] = [];
	for (const [name, content] of expected) {
		const found = committed.get(name);
		if (found === undefined) problems.push(`${name} is missing`);
		else if (found !== content) problems.push(`${name} differs from the node's properties`);
	}
	for (const name of committed.keys()) {
		if (!expected.has(name)) problems.push(`${name} belongs to no node version`);
	}
	return problems;
}

function writeSnapshots(): void {
	const files = editorSnapshots();
	rmSync(SNAPSHOT_DIR, { recursive: true, force: true });
	mkdirSync(SNAPSHOT_DIR, { recursive: true });
	for (const [name, content] of files) writeFileSync(join(SNAPSHOT_DIR, name), content);
	process.stdout.write(`Wrote ${files.size} files to ${SNAPSHOT_DIR}\n`);
}

if (require.main === module) writeSnapshots();
