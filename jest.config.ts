import type { Config } from 'jest';

/** Jest runs the TypeScript tests in test/ through ts-jest (CommonJS). */
const config: Config = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  setupFiles: ['<rootDir>/test/helpers/quiet-logs.ts'],
  // compiles the page scripts the exports publish when they are older than site/src
  globalSetup: '<rootDir>/test/helpers/site-build.ts',
  testPathIgnorePatterns: ['/node_modules/', '/test/helpers/'],
  testTimeout: 60_000,
  // The page scripts (site/src) are browser ES modules that import './format.js'; map to the .ts.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: false }] },
};

export default config;
