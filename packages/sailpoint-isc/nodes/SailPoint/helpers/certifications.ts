import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiError } from '../../shared/errors';
import type { Connection } from '../../shared/transport/connection';
import type { IscRequest } from '../transport';
import { readIscObject, sendIscRequest } from '../transport';
import { requireIscId } from './ids';

/**
 * What the SailPoint Certifications operations share: the certification's ID, posting to it,
 * and reading a certification to explain why ISC refused a decision or a sign-off.
 */

export const CERTIFICATIONS = 'certifications';
export const CERTIFICATION_TASKS = 'certification-tasks';

export const FORBIDDEN_READ =
	"Reading certifications needs the scope idn:campaign:read; only the certification's reviewers, ORG_ADMIN and CERT_ADMIN may read one.";
export const FORBIDDEN_MANAGE =
	"Deciding, reassigning and signing off need the scope idn:campaign:manage; only the certification's reviewer, ORG_ADMIN and CERT_ADMIN may act on it.";

export function certificationIdOf(context: IExecuteFunctions, itemIndex: number): string {
	return requireIscId(
		context.getNode(),
		context.getNodeParameter('certificationId', itemIndex, '', { extractValue: true }),
		'Certification',
		itemIndex,
	);
}

export function notFoundCertification(certificationId: string) {
	return {
		subject: `certification "${certificationId}"`,
		hint: 'Check the ID (a certification ID, not a campaign ID), and that the token may see it: a reviewer sees only their own certifications.',
	};
}

/** GET /certifications/{id}; undefined when ISC does not answer 200 (used to explain a refusal). */
export async function lookUpCertification(
	connection: Connection,
	certificationId: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const request: IscRequest = {
		method: 'GET',
		endpoint: `${CERTIFICATIONS}/${encodeURIComponent(certificationId)}`,
		itemIndex,
	};
	try {
		const response = await sendIscRequest(connection, request);
		if (response.statusCode !== 200) return undefined;
		return await readIscObject(connection, request, response);
	} catch {
		return undefined;
	}
}

/** `"Name" (id)` or `"id"`. */
export function certificationLabel(certificationId: string, certification?: IDataObject): string {
	return typeof certification?.name === 'string'
		? `"${certification.name}" (${certificationId})`
		: `"${certificationId}"`;
}

/**
 * When ISC refused a write with a 400: an error that says why, from the certification's state
 * (not ACTIVE, or undecided items for a sign-off); undefined when its state explains nothing.
 */
export async function refusalFromState(
	context: IExecuteFunctions,
	connection: Connection,
	certificationId: string,
	itemIndex: number,
	verb: 'decide on' | 'reassign items of' | 'sign off',
	statusCode: number,
): Promise<Error | undefined> {
	const certification = await lookUpCertification(connection, certificationId, itemIndex);
	if (!certification) return undefined;
	const label = certificationLabel(certificationId, certification);
	const phase = typeof certification.phase === 'string' ? certification.phase : undefined;
	if (phase !== undefined && phase !== 'ACTIVE') {
		const signed =
			phase === 'SIGNED' && typeof certification.signed === 'string'
				? ` (signed ${certification.signed})`
				: '';
		return apiError(context.getNode(), {
			message: `Cannot ${verb} certification ${label}: it is ${phase}${signed}, not ACTIVE`,
			description: `ISC refused the request (HTTP ${statusCode}). Only an ACTIVE certification takes decisions, reassignments and a sign-off.`,
			httpCode: statusCode,
			itemIndex,
		});
	}
	const made = Number(certification.decisionsMade);
	const total = Number(certification.decisionsTotal);
	if (verb === 'sign off' && Number.isFinite(made) && Number.isFinite(total) && made < total) {
		const undecided = total - made;
		return apiError(context.getNode(), {
			message: `Cannot sign off certification ${label}: ${undecided} of ${total} review item${total === 1 ? '' : 's'} ${undecided === 1 ? 'is' : 'are'} undecided`,
			description: `ISC refused the sign-off (HTTP ${statusCode}). Decide the rest first: Get Many Review Items with Decision State "Undecided" lists them, Decide approves or revokes them.`,
			httpCode: statusCode,
			itemIndex,
		});
	}
	return undefined;
}

/**
 * POST /certifications/{id}/{action} (sign-off, reassign, reassign-async) and ISC's answer;
 * when ISC refuses with a 400, the error the certification's state explains (refusalFromState),
 * else ISC's own.
 */
export async function postToCertification(
	context: IExecuteFunctions,
	connection: Connection,
	certificationId: string,
	itemIndex: number,
	action: { endpoint: string; verb: 'reassign items of' | 'sign off'; body?: IDataObject },
): Promise<IDataObject | undefined> {
	const request: IscRequest = {
		method: 'POST',
		endpoint: `${CERTIFICATIONS}/${encodeURIComponent(certificationId)}/${action.endpoint}`,
		...(action.body === undefined ? {} : { body: action.body }),
		itemIndex,
		notFound: notFoundCertification(certificationId),
		forbiddenHint: FORBIDDEN_MANAGE,
	};
	const response = await sendIscRequest(connection, request);
	if (response.statusCode === 400) {
		const stateError = await refusalFromState(
			context,
			connection,
			certificationId,
			itemIndex,
			action.verb,
			400,
		);
		if (stateError) throw stateError;
	}
	return await readIscObject(connection, request, response);
}

/**
 * Simplify for the Certifications node (on by default; Simplify off gives ISC's whole answer):
 * the fields a person reads first, in that order, ISC's names kept, IDs last; fields ISC did
 * not send or sent empty are left out.
 */
const CERTIFICATION_FIELDS = [
	'name',
	'phase',
	'due',
	'completed',
	'decisionsMade',
	'decisionsTotal',
	'identitiesCompleted',
	'identitiesTotal',
	'reviewer',
	'campaign',
	'reassignment',
	'signed',
	'errorMessage',
	'created',
	'id',
];

/** A review item: who has what, the decision, then the ID Decide takes. */
const REVIEW_ITEM_FIELDS = [
	'identitySummary',
	'accessSummary',
	'decision',
	'completed',
	'newAccess',
	'comments',
	'id',
];

function pickedFields(source: IDataObject, fields: readonly string[]): IDataObject {
	const simple: IDataObject = {};
	for (const field of fields) {
		const value = source[field];
		if (value !== undefined && value !== null && value !== '') simple[field] = value;
	}
	return simple;
}

export function simplifyCertification(certification: IDataObject): IDataObject {
	return pickedFields(certification, CERTIFICATION_FIELDS);
}

export function simplifyReviewItem(item: IDataObject): IDataObject {
	return pickedFields(item, REVIEW_ITEM_FIELDS);
}
