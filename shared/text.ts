/** Small readers of untrusted values, shared by the transports and sign-in. */

/** Trimmed text, or undefined for anything that is not non-blank text. */
export function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The scheme, host and port of a URL (what messages may show); the input when unparsable. */
export function originOf(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return url;
	}
}
