#!/usr/bin/env node
// The command is bundled into dist/ by esbuild (scripts/bundle.mjs, run by `npm ci` through the prepare script).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
