import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { matchesFilter, pageOf } from '../../shared/locators';
import { retrySettings } from '../../shared/transport/retry';
import { CERTIFICATIONS, FORBIDDEN_READ } from '../helpers/certifications';
import { iscConnection, iscList } from '../transport';

/**
 * The pickers of SailPoint Certifications: the ACTIVE certifications the token may review
 * (GET /certifications, soonest due first; a reviewer sees theirs, an admin every one), and the
 * undecided review items or the reviewed identities of the chosen certification
 * (GET /certifications/{id}/access-review-items). ISC filters none of them on free text, so the
 * typed text filters each page.
 */

const PAGE_SIZE = 50;
/** Review items a list of several picks shows at most (4 pages of 250). */
const ITEM_PAGES = 4;
const ITEM_PAGE_SIZE = 250;

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const day = (value: unknown) => text(value)?.slice(0, 10);

async function list(
	context: ILoadOptionsFunctions,
	endpoint: string,
	qs: IDataObject,
): Promise<IDataObject[]> {
	const connection = iscConnection(context, { idempotent: true, retry: retrySettings() });
	const request = {
		method: 'GET' as const,
		endpoint,
		qs,
		itemIndex: 0,
		forbiddenHint: FORBIDDEN_READ,
	};
	return await iscList(connection, request);
}

export async function searchCertifications(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const certifications = await list(this, CERTIFICATIONS, {
		filters: 'phase eq "ACTIVE"',
		sorters: 'due',
		limit: PAGE_SIZE,
		offset: page * PAGE_SIZE,
	});
	const results = certifications.map((certification) => {
		const reviewer = (certification.reviewer as IDataObject | undefined)?.name;
		return {
			name: [
				text(certification.name) ?? String(certification.id),
				day(certification.due) && `due ${day(certification.due)}`,
				`${String(certification.decisionsMade ?? '?')}/${String(certification.decisionsTotal ?? '?')} decided`,
			]
				.filter(Boolean)
				.join(' · '),
			value: String(certification.id),
			description: typeof reviewer === 'string' ? `reviewer ${reviewer}` : undefined,
		};
	});
	return {
		results: results.filter((item) =>
			matchesFilter(filter, item.name, item.description, item.value),
		),
		paginationToken: certifications.length === PAGE_SIZE ? String(page + 1) : undefined,
	};
}

/** The chosen certification's ID, or undefined while none is chosen. */
function chosenCertification(context: ILoadOptionsFunctions): string | undefined {
	const value = context.getCurrentNodeParameter('certificationId', { extractValue: true });
	return typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(value.trim())
		? value.trim()
		: undefined;
}

async function reviewItems(
	context: ILoadOptionsFunctions,
	undecidedOnly: boolean,
): Promise<IDataObject[]> {
	const certificationId = chosenCertification(context);
	if (!certificationId) return [];
	const items: IDataObject[] = [];
	for (let page = 0; page < ITEM_PAGES; page++) {
		const batch = await list(
			context,
			`${CERTIFICATIONS}/${encodeURIComponent(certificationId)}/access-review-items`,
			{
				...(undecidedOnly ? { filters: 'completed eq false' } : {}),
				sorters: 'identitySummary.name,access.name',
				limit: ITEM_PAGE_SIZE,
				offset: page * ITEM_PAGE_SIZE,
			},
		);
		items.push(...batch);
		if (batch.length < ITEM_PAGE_SIZE) break;
	}
	return items;
}

const TYPE_NAMES: Record<string, string> = {
	ENTITLEMENT: 'entitlement',
	ACCESS_PROFILE: 'access profile',
	ROLE: 'role',
};

export async function getUndecidedReviewItems(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return (await reviewItems(this, true)).map((item) => {
		const who = (item.identitySummary as IDataObject | undefined)?.name;
		const access = ((item.accessSummary as IDataObject | undefined)?.access ?? {}) as IDataObject;
		const type =
			typeof access.type === 'string' ? (TYPE_NAMES[access.type] ?? access.type) : undefined;
		return {
			name:
				[text(who), [type, text(access.name)].filter(Boolean).join(' ')]
					.filter(Boolean)
					.join(' · ') || String(item.id),
			value: String(item.id),
			description: item.newAccess === true ? 'new access' : undefined,
		};
	});
}

export async function getCertificationIdentities(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const seen = new Map<string, { name: string; items: number; undecided: number }>();
	for (const item of await reviewItems(this, false)) {
		const summary = (item.identitySummary ?? {}) as IDataObject;
		const id = text(summary.id);
		if (!id) continue;
		const entry = seen.get(id) ?? { name: text(summary.name) ?? id, items: 0, undecided: 0 };
		entry.items++;
		if (item.completed !== true) entry.undecided++;
		seen.set(id, entry);
	}
	return [...seen].map(([value, entry]) => ({
		name: `${entry.name} · ${entry.items} item${entry.items === 1 ? '' : 's'}, ${entry.undecided} undecided`,
		value,
	}));
}
