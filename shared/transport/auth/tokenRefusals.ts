import type { RunCredential } from './runCredential';

/**
 * What one request does each time the vendor refuses its token (401), for a credential that
 * signs in: send it again with a token someone else renewed meanwhile, have n8n renew the token
 * (http.ts then lets n8n see the 401), or give the 401 back as the answer.
 */
type AfterRefusal = 'repeat' | 'renew' | 'answer';

/**
 * A renewed token that is refused without ever having been accepted is wrong, not expired; stop
 * asking then. One that others used and that ran out before this request's turn came (a long
 * run renewing at the same time as many items in flight) is simply renewed again.
 */
const MAX_REFUSED_RENEWALS = 2;

/** Renewals for one request, whatever their outcome: bounds a run whose tokens keep running out. */
const MAX_RENEWALS = 8;

/** Repeats with a token someone else renewed meanwhile; bounded in case tokens keep changing. */
const MAX_TAKEN_OVER_TOKENS = 3;

export class TokenRefusals {
	/** Renewals answered 401 again; a renewal cut short by a 429/503/drop does not count. */
	private renewalsRefused = 0;

	private renewals = 0;

	private tokensTakenOver = 0;

	constructor(private readonly credential: RunCredential | undefined) {}

	/** The vendor refused `refused`; `wasRenewal`: the request had just been sent by a renewal. */
	async next(refused: unknown, wasRenewal: boolean): Promise<AfterRefusal> {
		const { credential } = this;
		// Another request (of this run, or another run) renewed the token since this one left, or
		// since the renewal handed this request a token that others have spent meanwhile: send it
		// again with the newer token instead of signing in once more.
		if (
			credential &&
			this.tokensTakenOver < MAX_TAKEN_OVER_TOKENS &&
			(await credential.hasNewerToken(refused))
		) {
			this.tokensTakenOver++;
			return 'repeat';
		}
		if (wasRenewal && !credential?.wasAccepted(refused)) this.renewalsRefused++;
		if (this.renewalsRefused < MAX_REFUSED_RENEWALS && this.renewals < MAX_RENEWALS) {
			this.renewals++;
			return 'renew';
		}
		return 'answer';
	}
}
