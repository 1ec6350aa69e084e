// Field order as the real API server emits it: Go struct order for built-ins, sorted keys for custom resources.
import type {ResourceDef} from './resources.js';
import {isObject, type JsonObject, type KubeObject} from './types.js';

type Spec = [fields: string[], children?: Record<string, string>];

/** Field names from a list written over as many lines as it needs. */
const fields = (list: string): string[] => list.trim().split(/\s+/);

const META = fields(`
  name generateName namespace selfLink uid resourceVersion generation creationTimestamp deletionTimestamp
  deletionGracePeriodSeconds labels annotations ownerReferences finalizers managedFields
`);
const CONTAINER = fields(`
  name image command args workingDir ports envFrom env resources resizePolicy restartPolicy volumeMounts
  volumeDevices livenessProbe readinessProbe startupProbe lifecycle terminationMessagePath
  terminationMessagePolicy imagePullPolicy securityContext stdin stdinOnce tty
`);
const POD_SPEC = fields(`
  volumes initContainers containers ephemeralContainers restartPolicy terminationGracePeriodSeconds
  activeDeadlineSeconds dnsPolicy nodeSelector serviceAccountName serviceAccount automountServiceAccountToken
  nodeName hostNetwork hostPID hostIPC shareProcessNamespace securityContext imagePullSecrets hostname subdomain
  affinity schedulerName tolerations hostAliases priorityClassName priority dnsConfig readinessGates
  runtimeClassName enableServiceLinks preemptionPolicy overhead topologySpreadConstraints setHostnameAsFQDN os
  hostUsers schedulingGates resourceClaims resources
`);
const probe = 'exec httpGet tcpSocket grpc initialDelaySeconds timeoutSeconds periodSeconds successThreshold failureThreshold terminationGracePeriodSeconds';

/** Go struct field order per API type, with the types of nested fields ('[]' = list of). */
const TYPES: Record<string, Spec> = {
  ObjectMeta: [META, {ownerReferences: 'OwnerReference[]'}],
  OwnerReference: ['apiVersion kind name uid controller blockOwnerDeletion'.split(' ')],
  LabelSelector: [['matchLabels', 'matchExpressions']],
  PodTemplateSpec: [['metadata', 'spec'], {metadata: 'ObjectMeta', spec: 'PodSpec'}],
  PodSpec: [POD_SPEC, {containers: 'Container[]', initContainers: 'Container[]', tolerations: 'Toleration[]'}],
  Container: [
    CONTAINER,
    {ports: 'ContainerPort[]', env: 'EnvVar[]', resources: 'Resources', livenessProbe: 'Probe', readinessProbe: 'Probe', startupProbe: 'Probe'},
  ],
  ContainerPort: ['name hostPort containerPort protocol hostIP'.split(' ')],
  EnvVar: [['name', 'value', 'valueFrom']],
  Resources: [['limits', 'requests', 'claims']],
  Probe: [probe.split(' '), {httpGet: 'HTTPGetAction'}],
  HTTPGetAction: [['path', 'port', 'host', 'scheme', 'httpHeaders']],
  Toleration: ['key operator value effect tolerationSeconds'.split(' ')],
  DeploymentSpec: [
    'replicas selector template strategy minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds'.split(' '),
    {selector: 'LabelSelector', template: 'PodTemplateSpec', strategy: 'Strategy'},
  ],
  Strategy: [['type', 'rollingUpdate'], {rollingUpdate: 'RollingUpdate'}],
  RollingUpdate: [['maxUnavailable', 'maxSurge']],
  DeploymentStatus: [
    'observedGeneration replicas updatedReplicas readyReplicas availableReplicas unavailableReplicas terminatingReplicas conditions collisionCount'.split(' '),
    {conditions: 'DeploymentCondition[]'},
  ],
  DeploymentCondition: ['type status lastUpdateTime lastTransitionTime reason message'.split(' ')],
  ReplicaSetSpec: [['replicas', 'minReadySeconds', 'selector', 'template'], {selector: 'LabelSelector', template: 'PodTemplateSpec'}],
  ReplicaSetStatus: ['replicas fullyLabeledReplicas readyReplicas availableReplicas terminatingReplicas observedGeneration conditions'.split(' ')],
  PodStatus: [
    'phase conditions message reason nominatedNodeName hostIP hostIPs podIP podIPs startTime initContainerStatuses containerStatuses qosClass'.split(' '),
    {conditions: 'PodCondition[]', containerStatuses: 'ContainerStatus[]'},
  ],
  PodCondition: ['type status lastProbeTime lastTransitionTime reason message'.split(' ')],
  ContainerStatus: ['name state lastState ready restartCount image imageID containerID started'.split(' ')],
  ObjectReference: ['kind namespace name uid apiVersion resourceVersion fieldPath'.split(' ')],
  CronJobSpec: [
    'schedule timeZone startingDeadlineSeconds concurrencyPolicy suspend jobTemplate successfulJobsHistoryLimit failedJobsHistoryLimit'.split(' '),
    {jobTemplate: 'JobTemplateSpec'},
  ],
  CronJobStatus: [['active', 'lastScheduleTime', 'lastSuccessfulTime']],
  JobTemplateSpec: [['metadata', 'spec'], {metadata: 'ObjectMeta', spec: 'JobSpec'}],
  JobSpec: [
    fields(`
      parallelism completions activeDeadlineSeconds podFailurePolicy successPolicy backoffLimit backoffLimitPerIndex
      maxFailedIndexes selector manualSelector template ttlSecondsAfterFinished completionMode suspend
      podReplacementPolicy managedBy
    `),
    {template: 'PodTemplateSpec'},
  ],
};

/** Top-level field order and nested types per kind. */
const KINDS: Record<string, Spec> = {
  Deployment: [['kind', 'apiVersion', 'metadata', 'spec', 'status'], {metadata: 'ObjectMeta', spec: 'DeploymentSpec', status: 'DeploymentStatus'}],
  ReplicaSet: [['kind', 'apiVersion', 'metadata', 'spec', 'status'], {metadata: 'ObjectMeta', spec: 'ReplicaSetSpec', status: 'ReplicaSetStatus'}],
  Pod: [['kind', 'apiVersion', 'metadata', 'spec', 'status'], {metadata: 'ObjectMeta', spec: 'PodSpec', status: 'PodStatus'}],
  CronJob: [['kind', 'apiVersion', 'metadata', 'spec', 'status'], {metadata: 'ObjectMeta', spec: 'CronJobSpec', status: 'CronJobStatus'}],
  Job: [['kind', 'apiVersion', 'metadata', 'spec', 'status'], {metadata: 'ObjectMeta', spec: 'JobSpec'}],
  Secret: [['kind', 'apiVersion', 'metadata', 'immutable', 'data', 'stringData', 'type'], {metadata: 'ObjectMeta'}],
  ConfigMap: [['kind', 'apiVersion', 'metadata', 'immutable', 'data', 'binaryData'], {metadata: 'ObjectMeta'}],
  Event: [
    fields(`
      kind apiVersion metadata involvedObject reason message source firstTimestamp lastTimestamp count type
      eventTime series action related reportingComponent reportingInstance
    `),
    {metadata: 'ObjectMeta', involvedObject: 'ObjectReference'},
  ],
  Namespace: [['kind', 'apiVersion', 'metadata', 'spec', 'status'], {metadata: 'ObjectMeta'}],
  Node: [['kind', 'apiVersion', 'metadata', 'spec', 'status'], {metadata: 'ObjectMeta'}],
};

function orderBy(v: unknown, spec: Spec | undefined): unknown {
  if (!spec || !isObject(v)) return v;
  const [fields, children = {}] = spec;
  const out: JsonObject = {};
  const keys = [...fields.filter((f) => f in v), ...Object.keys(v).filter((k) => !fields.includes(k))];
  for (const k of keys) out[k] = ordered(v[k], children[k]);
  return out;
}

function ordered(v: unknown, type: string | undefined): unknown {
  if (!type) return v;
  if (type.endsWith('[]')) return Array.isArray(v) ? v.map((e) => ordered(e, type.slice(0, -2))) : v;
  return orderBy(v, TYPES[type]);
}

function sortedDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedDeep);
  if (!isObject(v)) return v;
  const keys = Object.keys(v).sort();
  return Object.fromEntries(keys.map((k) => [k, sortedDeep(v[k])]));
}

/** Returns the object with its fields in the order a real API server serializes them. */
export function goOrder(d: ResourceDef, o: KubeObject): KubeObject {
  if (d.group.includes('.')) return sortedDeep(o) as KubeObject;
  return orderBy(o, KINDS[d.kind]) as KubeObject;
}
