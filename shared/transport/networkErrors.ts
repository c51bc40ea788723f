/**
 * Names and explains a request that got no answer. n8n wraps such errors in a NodeApiError that
 * drops the original `code` but keeps the original message among `messages`, so the code is
 * read back from the texts when it is not on the error itself.
 */

const CODE_PATTERN =
	/\b(E[A-Z0-9_]{3,}|ERR_[A-Z0-9_]+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_HAS_EXPIRED)\b/;

const CODE_PHRASES: Array<[RegExp, string]> = [
	[/self[- ]signed certificate in certificate chain/i, 'SELF_SIGNED_CERT_IN_CHAIN'],
	[/self[- ]signed certificate/i, 'DEPTH_ZERO_SELF_SIGNED_CERT'],
	[
		/unable to verify the first certificate|unable to get local issuer/i,
		'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	],
	[/certificate has expired/i, 'CERT_HAS_EXPIRED'],
	[
		/does not match certificate's altnames|Hostname\/IP does not match/i,
		'ERR_TLS_CERT_ALTNAME_INVALID',
	],
	[/wrong version number|packet length too long/i, 'ERR_SSL_WRONG_VERSION_NUMBER'],
	[/timeout of \d+ms exceeded|timed out|connection was aborted/i, 'ECONNABORTED'],
	[/socket hang up|closed unexpectedly/i, 'ECONNRESET'],
	[/refused the connection/i, 'ECONNREFUSED'],
	[/incorrect host|getaddrinfo/i, 'ENOTFOUND'],
];

function codeFromText(text: string): string | undefined {
	const explicit = CODE_PATTERN.exec(text);
	if (explicit) return explicit[1];
	return CODE_PHRASES.find(([pattern]) => pattern.test(text))?.[1];
}

const NETWORK_EXPLANATIONS: Record<string, string> = {
	ENOTFOUND: 'the host name does not resolve; check the Base URL in the credential',
	EAI_AGAIN: 'the host name could not be resolved right now (DNS); check the Base URL',
	ECONNREFUSED: 'nothing is listening at that address and port; check the Base URL',
	EHOSTUNREACH: 'the host is unreachable from n8n; check the Base URL and the network',
	DEPTH_ZERO_SELF_SIGNED_CERT:
		'its TLS certificate is self-signed; if you trust this server, turn on "Allow Unauthorized Certificates" in the credential',
	SELF_SIGNED_CERT_IN_CHAIN:
		'its TLS certificate chain includes a self-signed certificate; if you trust this server, turn on "Allow Unauthorized Certificates" in the credential',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE:
		'its TLS certificate could not be verified; if you trust this server, turn on "Allow Unauthorized Certificates" in the credential',
	CERT_HAS_EXPIRED: 'its TLS certificate has expired',
	ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate does not match the host name in the Base URL',
	EPROTO: 'the TLS handshake failed; check whether the Base URL should use http:// or https://',
	ERR_SSL_WRONG_VERSION_NUMBER:
		'the server does not speak TLS on that port; check whether the Base URL should use http://',
};

export function messagesOf(error: unknown): string[] {
	const thrown = error as { message?: unknown; messages?: unknown; cause?: { message?: unknown } };
	return [
		thrown?.cause?.message,
		thrown?.message,
		...(Array.isArray(thrown?.messages) ? thrown.messages : []),
	].filter((text): text is string => typeof text === 'string' && text !== '');
}

export function networkCodeOf(error: unknown): string | undefined {
	const thrown = error as { code?: unknown; cause?: { code?: unknown } };
	const declared = [thrown?.cause?.code, thrown?.code].find(
		(code): code is string => typeof code === 'string' && code !== '',
	);
	return declared ?? codeFromText(messagesOf(error).join(' | '));
}

/** A sentence for users: what the code means and what to check. */
export function explainNetworkFailure(code: string | undefined, error: unknown): string {
	if (code && NETWORK_EXPLANATIONS[code]) return NETWORK_EXPLANATIONS[code];
	if (code === 'ECONNRESET') return 'the connection was closed before an answer came';
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return 'no answer came in time';
	const messages = typeof error === 'string' ? [error] : messagesOf(error);
	return messages.find((message) => !message.startsWith('The ')) ?? messages[0] ?? 'no answer';
}
