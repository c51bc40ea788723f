import type { ServerResponse } from 'node:http';

import { sendJson } from './http';

/**
 * POST Config/FindObjectsOfClass, as TPP's WebSDK reference describes it: `Class` (one) or
 * `Classes` (several), optional `ObjectDN` (the folder to start from, the whole tree without
 * it), `Recursive` (search below that folder, 1 or true) and `Pattern` (the object name, with *
 * and ? as wildcards). The answer is `{ Objects: [{ AbsoluteGUID, DN, GUID, Id, Name, Parent,
 * Revision, TypeName }], Result: 1 }`; bad arguments answer HTTP 400 with `Error`, an unknown
 * starting folder Result 400 ("Object does not exist"). The objects are the Policy tree the
 * sandbox's tickets imply (each ticket's object, its folders, its workflow) plus `extra`.
 */

export interface ConfigObject {
	DN: string;
	TypeName: string;
}

export function findObjectsOfClass(
	body: Record<string, unknown>,
	objects: ConfigObject[],
	res: ServerResponse,
): void {
	const classes =
		typeof body.Class === 'string'
			? [body.Class]
			: Array.isArray(body.Classes) && body.Classes.every((entry) => typeof entry === 'string')
				? (body.Classes as string[])
				: undefined;
	if (classes === undefined || classes.length === 0) {
		sendJson(res, 400, { Error: 'Class or Classes is required.' });
		return;
	}
	const start = typeof body.ObjectDN === 'string' && body.ObjectDN.trim() !== '' ? body.ObjectDN.trim().replace(/\\+$/, '') : undefined;
	const recursive = body.Recursive === true || body.Recursive === 1 || body.Recursive === '1' || body.Recursive === 'true';
	if (start !== undefined && !objects.some((object) => sameDn(object.DN, start)) && !/^\\VED(\\Policy)?$/i.test(start)) {
		sendJson(res, 200, { Error: 'Object does not exist', Result: 400 });
		return;
	}
	const pattern = typeof body.Pattern === 'string' && body.Pattern !== '' ? wildcard(body.Pattern) : undefined;
	const wanted = new Set(classes.map((entry) => entry.toLowerCase()));
	const found = objects
		.filter((object) => wanted.has(object.TypeName.toLowerCase()))
		.filter((object) => {
			if (start === undefined) return true;
			const parent = parentOf(object.DN);
			return recursive ? object.DN.toLowerCase().startsWith(`${start.toLowerCase()}\\`) : sameDn(parent, start);
		})
		.filter((object) => pattern === undefined || pattern.test(nameOf(object.DN)))
		.sort((a, b) => a.DN.localeCompare(b.DN))
		.map((object) => ({
			AbsoluteGUID: `{${guidOf(object.DN)}}`,
			DN: object.DN,
			GUID: `{${guidOf(object.DN)}}`,
			Id: idOf(object.DN),
			Name: nameOf(object.DN),
			Parent: parentOf(object.DN),
			Revision: 1,
			TypeName: object.TypeName,
		}));
	sendJson(res, 200, { Objects: found, Result: 1 });
}

function sameDn(a: string, b: string): boolean {
	return a.toLowerCase().replace(/\\+$/, '') === b.toLowerCase().replace(/\\+$/, '');
}

export function parentOf(dn: string): string {
	return dn.slice(0, dn.lastIndexOf('\\'));
}

function nameOf(dn: string): string {
	return dn.slice(dn.lastIndexOf('\\') + 1);
}

/** TPP's patterns: * any run of characters, ? one character, case-insensitive. */
function wildcard(pattern: string): RegExp {
	const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
	return new RegExp(`^${source}$`, 'i');
}

function hash(text: string): number {
	let value = 2166136261;
	for (const character of text.toLowerCase()) value = Math.imul(value ^ character.charCodeAt(0), 16777619) >>> 0;
	return value;
}

function idOf(dn: string): number {
	return hash(dn) % 100000;
}

/** A stable GUID per DN, so an object keeps its GUID across calls. */
function guidOf(dn: string): string {
	const hex = [hash(dn), hash(`${dn}#1`), hash(`${dn}#2`), hash(`${dn}#3`)].map((part) => part.toString(16).padStart(8, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
