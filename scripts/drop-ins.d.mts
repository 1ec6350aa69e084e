// Types for drop-ins.mjs, which the bundle builds use and tests import.
import type {Plugin} from 'esbuild';

export declare const CHECKED_AGAINST: Readonly<Record<string, {version: string; reverify: string}>>;
export declare function versionDrift(installed?: (name: string) => {path: string; version: string}[]): string[];
export declare function driftError(problems?: string[]): string | undefined;
export declare const DROP_INS: Readonly<Record<string, {request: string; from: 'ink' | 'any'; path: string}>>;
export declare function dropInsPlugin(off?: ReadonlySet<string>): Plugin;
export declare const inkDropIns: Plugin;
