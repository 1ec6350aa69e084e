// Entry point from the sources (tsx, tests): runs the program. The bundle starts through src/start.ts instead.
import {main} from './app.js';

void main();
