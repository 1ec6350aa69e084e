// Stands in for `react-reconciler` when Ink's reconciler imports it (bundle only, scripts/drop-ins.mjs): the
// same reconciler, over Ink's host config with idle commits held back (skip-idle-commits.ts). It has the
// original's type (@types/react-reconciler, pinned with it), so a changed signature fails the typecheck.
import createReconciler from 'react-reconciler';
import {skipIdleCommits} from './skip-idle-commits.js';

const createInkReconciler: typeof createReconciler = (config) => createReconciler(skipIdleCommits(config));
export default createInkReconciler;
