#!/usr/bin/env node
// Node 20 cannot run TypeScript itself; tsx's loader lets the published bin run the sources directly.
import { register } from 'tsx/esm/api';

register();
await import('./assay.ts');
