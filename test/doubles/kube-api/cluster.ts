// What every fresh cluster already has: system namespaces and a handful of Ready nodes.
import type {Store} from './store.js';
import {resourceByName} from './resources.js';

/** The AKS node pool's scale set, as a node's providerID names it. */
const SCALE_SET = 'virtualMachineScaleSets/aks-nodepool1-31415926-vmss';

/** Names of the nodes the double starts with. */
export const NODE_NAMES = [0, 1, 2, 3, 4].map((i) => `aks-nodepool1-31415926-vmss00000${i}`);

/** Creates default/kube-system/kube-public/kube-node-lease and five Ready nodes. */
export function bootstrapCluster(store: Store): void {
  const namespaces = resourceByName('namespaces');
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    store.create(namespaces, {apiVersion: 'v1', kind: 'Namespace', metadata: {name}}, {internal: true});
  }
  const nodes = resourceByName('nodes');
  NODE_NAMES.forEach((name, i) => {
    const ip = `10.224.0.${i + 4}`;
    const now = store.clock.iso();
    store.create(
      nodes,
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name,
          labels: {
            'kubernetes.io/arch': 'amd64',
            'kubernetes.io/hostname': name,
            'kubernetes.io/os': 'linux',
            'node.kubernetes.io/instance-type': 'Standard_D4s_v5',
            'topology.kubernetes.io/region': 'westeurope',
            'topology.kubernetes.io/zone': `westeurope-${(i % 3) + 1}`,
          },
        },
        spec: {
          podCIDR: `10.244.${i}.0/24`,
          providerID: `azure:///subscriptions/0000/resourceGroups/mc_atp/providers/Microsoft.Compute/${SCALE_SET}/virtualMachines/${i}`,
        },
        status: {
          capacity: {cpu: '4', memory: '16365340Ki', pods: '110'},
          allocatable: {cpu: '3860m', memory: '12880668Ki', pods: '110'},
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              lastHeartbeatTime: now,
              lastTransitionTime: now,
              reason: 'KubeletReady',
              message: 'kubelet is posting ready status',
            },
          ],
          addresses: [
            {type: 'InternalIP', address: ip},
            {type: 'Hostname', address: name},
          ],
          nodeInfo: {
            kubeletVersion: 'v1.32.4',
            kubeProxyVersion: 'v1.32.4',
            osImage: 'Ubuntu 22.04.5 LTS',
            kernelVersion: '5.15.0-1079-azure',
            containerRuntimeVersion: 'containerd://1.7.25-1',
            operatingSystem: 'linux',
            architecture: 'amd64',
          },
        },
      },
      {internal: true},
    );
  });
}
