#!/usr/bin/env node
// Runs one TypeScript file (benchmarks, scripts): node bin/run-ts.js bench/append.ts [args…]
'use strict';
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
require('reflect-metadata'); // type-graphql's decorators need it before any schema module loads
const file = process.argv[2];
if (!file) { console.error('usage: node bin/run-ts.js <file.ts> [args…]'); process.exit(2); }
process.argv.splice(1, 2, path.resolve(file));
require(path.resolve(file));
