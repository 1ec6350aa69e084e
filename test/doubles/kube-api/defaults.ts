// Server-side defaulting and the few validations the double enforces, per resource type.
import {invalid} from './errors.js';
import type {ResourceDef} from './resources.js';
import {fromLabelSelectorSpec, matchesLabels} from './selectors.js';
import {child, getPath, isObject, objects, type JsonObject, type KubeObject} from './types.js';

function setDefault(obj: JsonObject, key: string, value: unknown): void {
  if (obj[key] === undefined) obj[key] = value;
}

function pullPolicy(image: string): string {
  const lastSegment = image.split('/').pop() ?? image;
  const tag = lastSegment.includes('@') ? 'digest' : (lastSegment.split(':')[1] ?? 'latest');
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** Defaults a PodSpec in place (as the API server does for templates and pods). */
export function defaultPodSpec(spec: JsonObject, restartPolicy: string | undefined = 'Always'): void {
  for (const c of [...objects(spec, 'containers'), ...objects(spec, 'initContainers')]) {
    setDefault(c, 'resources', {});
    setDefault(c, 'terminationMessagePath', '/dev/termination-log');
    setDefault(c, 'terminationMessagePolicy', 'File');
    setDefault(c, 'imagePullPolicy', pullPolicy(String(c['image'] ?? '')));
    for (const p of objects(c, 'ports')) setDefault(p, 'protocol', 'TCP');
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      const pr = c[probe];
      if (!isObject(pr)) continue;
      if (isObject(pr['httpGet'])) setDefault(pr['httpGet'], 'scheme', 'HTTP');
      setDefault(pr, 'timeoutSeconds', 1);
      setDefault(pr, 'periodSeconds', 10);
      setDefault(pr, 'successThreshold', 1);
      setDefault(pr, 'failureThreshold', 3);
    }
  }
  if (restartPolicy) setDefault(spec, 'restartPolicy', restartPolicy);
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
}

/** Defaults a PodTemplateSpec in place (metadata.creationTimestamp: null as Go serializes it). */
export function defaultPodTemplate(template: JsonObject, restartPolicy?: string): void {
  const meta = child(template, 'metadata');
  setDefault(meta, 'creationTimestamp', null);
  defaultPodSpec(child(template, 'spec'), restartPolicy);
}

/** Guaranteed (requests == limits for cpu and memory everywhere), Burstable (any), BestEffort (none). */
function qosClass(spec: JsonObject): string {
  const resources = objects(spec, 'containers').map((c) => (isObject(c['resources']) ? c['resources'] : {}));
  const any = resources.some(
    (r) => Object.keys(isObject(r['requests']) ? r['requests'] : {}).length || Object.keys(isObject(r['limits']) ? r['limits'] : {}).length,
  );
  if (!any) return 'BestEffort';
  const guaranteed = resources.every((r) =>
    ['cpu', 'memory'].every(
      (k) => getPath(r, `limits.${k}`) !== undefined && (getPath(r, `requests.${k}`) ?? getPath(r, `limits.${k}`)) === getPath(r, `limits.${k}`),
    ),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

const NOT_READY_TOLERATIONS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'].map((key) => ({
  key,
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: 300,
}));

function defaultDeploymentLike(obj: KubeObject, withStrategy: boolean): void {
  const spec = child(obj, 'spec');
  setDefault(spec, 'replicas', 1);
  if (withStrategy) {
    setDefault(spec, 'strategy', {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: '25%', maxSurge: '25%'}});
    setDefault(spec, 'revisionHistoryLimit', 10);
    setDefault(spec, 'progressDeadlineSeconds', 600);
  }
  defaultPodTemplate(child(spec, 'template'));
}

/** Applies the API server's defaults to an object about to be stored. */
export function applyDefaults(d: ResourceDef, obj: KubeObject): void {
  switch (d.resource) {
    case 'deployments':
      return defaultDeploymentLike(obj, true);
    case 'replicasets':
      return defaultDeploymentLike(obj, false);
    case 'pods': {
      const spec = child(obj, 'spec');
      defaultPodSpec(spec);
      setDefault(spec, 'serviceAccountName', 'default');
      setDefault(spec, 'serviceAccount', spec['serviceAccountName']);
      setDefault(spec, 'enableServiceLinks', true);
      setDefault(spec, 'priority', 0);
      setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
      setDefault(spec, 'tolerations', NOT_READY_TOLERATIONS);
      setDefault(child(obj, 'status'), 'phase', 'Pending');
      setDefault(child(obj, 'status'), 'qosClass', qosClass(spec));
      return;
    }
    case 'cronjobs': {
      const spec = child(obj, 'spec');
      setDefault(spec, 'concurrencyPolicy', 'Allow');
      setDefault(spec, 'suspend', false);
      setDefault(spec, 'successfulJobsHistoryLimit', 3);
      setDefault(spec, 'failedJobsHistoryLimit', 1);
      defaultPodTemplate(child(child(child(spec, 'jobTemplate'), 'spec'), 'template'), undefined);
      return;
    }
    case 'jobs': {
      const spec = child(obj, 'spec');
      setDefault(spec, 'backoffLimit', 6);
      setDefault(spec, 'completions', 1);
      setDefault(spec, 'parallelism', 1);
      defaultPodTemplate(child(spec, 'template'), undefined);
      return;
    }
    case 'namespaces':
      child(obj.metadata, 'labels')['kubernetes.io/metadata.name'] = obj.metadata.name ?? '';
      setDefault(child(obj, 'spec'), 'finalizers', ['kubernetes']);
      setDefault(child(obj, 'status'), 'phase', 'Active');
      return;
    case 'secrets':
      return defaultSecret(obj);
  }
}

function defaultSecret(obj: KubeObject): void {
  setDefault(obj, 'type', 'Opaque');
  const stringData = obj['stringData'];
  if (isObject(stringData)) {
    const data = child(obj, 'data');
    for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(String(v)).toString('base64');
    delete obj['stringData'];
  }
}

const NAME_RE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Rejects objects the real API server would reject (names, selectors, immutable fields). */
export function validate(d: ResourceDef, obj: KubeObject, old?: KubeObject): void {
  const name = obj.metadata.name ?? '';
  if (!NAME_RE.test(name) || name.length > 253) {
    throw invalid(
      d,
      name,
      `metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, ` +
        "'-' or '.', and must start and end with an alphanumeric character",
    );
  }
  if (d.resource !== 'deployments' && d.resource !== 'replicasets') return;
  const selector = getPath(obj, 'spec.selector');
  const labels = getPath(obj, 'spec.template.metadata.labels');
  const reqs = fromLabelSelectorSpec(selector);
  if (reqs.length === 0) throw invalid(d, name, 'spec.selector: Required value');
  if (!matchesLabels(reqs, isObject(labels) ? (labels as Record<string, string>) : {})) {
    throw invalid(d, name, `spec.template.metadata.labels: Invalid value: ${JSON.stringify(labels ?? {})}: \`selector\` does not match template \`labels\``);
  }
  if (old && JSON.stringify(getPath(old, 'spec.selector')) !== JSON.stringify(selector)) {
    throw invalid(d, name, `spec.selector: Invalid value: ${JSON.stringify(selector)}: field is immutable`);
  }
}

const MAP_FIELDS = new Set(['labels', 'annotations', 'matchLabels', 'nodeSelector', 'data', 'binaryData']);

/** Sorts the keys of map-typed fields, as Go's JSON encoder emits maps (structs keep field order). */
export function sortMaps(v: unknown): void {
  if (Array.isArray(v)) return v.forEach(sortMaps);
  if (!isObject(v)) return;
  for (const [k, val] of Object.entries(v)) {
    if (MAP_FIELDS.has(k) && isObject(val)) {
      v[k] = Object.fromEntries(Object.entries(val).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    } else sortMaps(val);
  }
}
