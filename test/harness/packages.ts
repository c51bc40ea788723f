/**
 * The two packages this repository publishes, as tests, the e2e suite and the benchmarks need
 * them: folder, npm name (read from the package's own package.json) and the credential its nodes
 * use. A node's type name is `<package name>.<node name>`, the package being the one whose
 * credential the node uses.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface OurPackage {
	/** The npm name, e.g. n8n-nodes-sailpoint-isc: the first part of our node type names. */
	name: string;
	/** The package folder (packages/<folder>). */
	dir: string;
	/** The credential type every node of the package uses. */
	credential: string;
	/** The service, as the e2e and demo output name it. */
	vendor: 'SailPoint' | 'Venafi';
}

export const repoRoot = resolve(__dirname, '..', '..');

function ourPackage(folder: string, credential: string, vendor: OurPackage['vendor']): OurPackage {
	const dir = join(repoRoot, 'packages', folder);
	const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string };
	return { name, dir, credential, vendor };
}

export const SAILPOINT_PACKAGE = ourPackage('sailpoint-isc', 'sailPointIscApi', 'SailPoint');
export const VENAFI_PACKAGE = ourPackage('venafi-tpp', 'venafiTppApi', 'Venafi');
export const PACKAGES: readonly OurPackage[] = [SAILPOINT_PACKAGE, VENAFI_PACKAGE];

interface NodeDescriptionLike {
	name: string;
	credentials?: Array<{ name: string }>;
}

/** The package whose credential the node uses, if any. */
function credentialPackage(description: NodeDescriptionLike): OurPackage | undefined {
	return PACKAGES.find((entry) => description.credentials?.some((credential) => credential.name === entry.credential));
}

/** The package a node belongs to: the one whose credential it uses. */
export function packageOfNode(description: NodeDescriptionLike): OurPackage {
	const found = credentialPackage(description);
	if (!found) throw new Error(`Node ${description.name} uses neither package's credential`);
	return found;
}

/** The node's type name as n8n registers it from the installed package. */
export function nodeTypeName(description: NodeDescriptionLike): string {
	return `${packageOfNode(description).name}.${description.name}`;
}

/**
 * The type name a test run gives a node: ours as n8n names them; a stand-in a test builds
 * (a node without our credentials, e.g. an example's Set node) under a test prefix.
 */
export function runTypeName(description: NodeDescriptionLike): string {
	return credentialPackage(description) ? nodeTypeName(description) : `n8n-nodes-test.${description.name}`;
}

/** The package of a node type name such as n8n-nodes-venafi-tpp.venafiTicket, if it is ours. */
export function packageOfType(type: string): OurPackage | undefined {
	return PACKAGES.find((entry) => type.startsWith(`${entry.name}.`));
}

/** Each node name of ours and its package, read from the codex files the packages list. */
let nodesByName: Map<string, OurPackage> | undefined;
function nodePackages(): Map<string, OurPackage> {
	if (nodesByName) return nodesByName;
	nodesByName = new Map();
	for (const pkg of PACKAGES) {
		const { n8n } = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
		for (const built of n8n.nodes) {
			const codex = join(pkg.dir, built.replace(/^dist\//, '').replace(/\.node\.js$/, '.node.json'));
			const { node } = JSON.parse(readFileSync(codex, 'utf8')) as { node: string };
			nodesByName.set(node.slice(pkg.name.length + 1), pkg);
		}
	}
	return nodesByName;
}

/** The type name of a node of ours given by its name (`venafiTicket`, or its `...Tool` variant). */
export function typeOfNodeName(nodeName: string): string {
	const pkg = nodePackages().get(nodeName.replace(/Tool$/, ''));
	if (!pkg) throw new Error(`No package of ours has a node named ${nodeName}`);
	return `${pkg.name}.${nodeName}`;
}
