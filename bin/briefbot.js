#!/usr/bin/env node
// Entry point for `npx briefbot` and `npm start`: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main(process.argv);
