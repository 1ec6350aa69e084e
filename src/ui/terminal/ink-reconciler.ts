// Stands in for `react-reconciler` when Ink's reconciler imports it (bundle only, scripts/drop-ins.mjs): the
// same reconciler, over Ink's host config with idle commits held back (skip-idle-commits.ts).
import createReconciler from 'react-reconciler';
import {skipIdleCommits} from './skip-idle-commits.js';

export default function createInkReconciler(config: Parameters<typeof createReconciler>[0]): ReturnType<typeof createReconciler> {
  return createReconciler(skipIdleCommits(config));
}
