/** Unit and integration tests: real HTTP against the in-repo sandbox, nodes run by n8n-core. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json'}] },
	testTimeout: 60000,
	reporters: ['default', '<rootDir>/test/harness/summaryReporter.js'],
};
