/**
 * Ends a jest run with one plain line, `jest: N passed, N failed[, N skipped]`, that CI and
 * people can read without knowing jest's own summary format.
 */
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
		let line = `jest: ${results.numPassedTests} passed, ${failed} failed`;
		if (skipped > 0) line += `, ${skipped} skipped`;
		process.stdout.write(`\n${line}\n`);
	}
}

module.exports = SummaryReporter;
