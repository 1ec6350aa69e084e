// Pod failure rules the test installs: which pods crash-loop, cannot pull, cannot schedule or are not ready.
import {objects, getPath, type KubeObject} from './types.js';

/** A failure mode the simulated kubelet/scheduler gives matching pods. */
export type PodProblem =
  {type: 'CrashLoopBackOff'; exitCode?: number} | {type: 'ImagePullBackOff'} | {type: 'Pending'; message?: string} | {type: 'NotReady'; message?: string};

/** Selects pods by namespace, labels and/or container image (all given criteria must hold). */
export interface ProblemRule {
  namespace?: string;
  labels?: Record<string, string>;
  image?: string | RegExp;
  problem: PodProblem;
}

/** The default scheduler message for an unschedulable pod. */
export const DEFAULT_UNSCHEDULABLE =
  '0/5 nodes are available: 3 Insufficient cpu, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. ' +
  'preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';

/** The registry of problem rules (`double.problems`). */
export class PodProblems {
  private readonly rules = new Map<number, ProblemRule>();
  private nextId = 1;

  /** Adds a rule; returns its id for `remove`. Later rules win. */
  add(rule: ProblemRule): number {
    const id = this.nextId++;
    this.rules.set(id, rule);
    return id;
  }

  /** Removes one rule (pods recover on the next kubelet step). */
  remove(id: number): void {
    this.rules.delete(id);
  }

  /** Removes every rule. */
  clear(): void {
    this.rules.clear();
  }

  /** The problem for a pod, if a rule matches it. */
  match(pod: KubeObject): PodProblem | undefined {
    let found: PodProblem | undefined;
    for (const r of this.rules.values()) {
      if (r.namespace && r.namespace !== pod.metadata.namespace) continue;
      const labels = pod.metadata.labels ?? {};
      if (r.labels && !Object.entries(r.labels).every(([k, v]) => labels[k] === v)) continue;
      const images = objects(getPath(pod, 'spec'), 'containers').map((c) => String(c['image'] ?? ''));
      const img = r.image;
      if (img !== undefined && !images.some((i) => (typeof img === 'string' ? i === img : img.test(i)))) continue;
      found = r.problem;
    }
    return found;
  }
}
