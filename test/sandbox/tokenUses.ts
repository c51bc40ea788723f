/**
 * Access tokens that expire by use rather than by time (both sandbox authorities): a token
 * issued while a limit is set serves that many requests, then the authority forgets it and the
 * vendor answers 401 as for an expired token. Tests stay independent of the machine's speed.
 */
export class TokenUses {
	private readonly uses = new Map<string, number>();

	constructor(
		/** Requests a token serves; undefined: tokens expire by time only. */
		public limit: number | undefined,
		private readonly expire: (token: string) => void,
	) {}

	/** A token was issued: counted from now on when a limit is set. */
	issued(token: string): void {
		if (this.limit !== undefined) this.uses.set(token, 0);
	}

	/** Counts a resource request made with `token`; past its allowance the token has expired. */
	spend(token: string | undefined): void {
		if (this.limit === undefined || token === undefined || !this.uses.has(token)) return;
		const used = this.uses.get(token)! + 1;
		this.uses.set(token, used);
		if (used > this.limit) {
			this.expire(token);
			this.uses.delete(token);
		}
	}

	/** Stops counting every token (they were expired by other means). */
	forget(): void {
		this.uses.clear();
	}
}
