import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// package.json sits one level above both src/version.ts and dist/version.js.
const pkg = require('../package.json') as { version: string };

export const TOOL_VERSION: string = pkg.version;
