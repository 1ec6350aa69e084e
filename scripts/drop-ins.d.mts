// Types for drop-ins.mjs, which the bundle builds use and a test imports.
import type {Plugin} from 'esbuild';

export declare const inkDropIns: Plugin;
export declare const dropInAliases: Record<string, string>;
