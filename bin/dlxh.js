#!/usr/bin/env node
// The dlxh CLI. TypeScript sources run through @swc-node/register, so no build step is needed.
'use strict';
process.env.SWC_NODE_PROJECT ??= require('node:path').join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
require('reflect-metadata'); // type-graphql's decorators need it before any schema module loads
require('../services/cli/main.ts');
