// The demo's procedures: short steps of our own, one per catalog section, drawn from what the reference runbook asks
// the on-call to do. Kept as a string so the bundle and the single executable carry it without a file to find.
export const DEMO_PROCEDURES = `# ATP procedures (demo)

## 6.1 Service Restart
1. See which pods are not ready and why: \`kubectl get pods -n <namespace>\`, then describe one.
2. Read the last crash: \`kubectl logs <pod> -n <namespace> --previous\`.
3. If a deploy preceded the outage, roll it back (r) rather than restarting.
4. Otherwise restart the deployment: \`kubectl rollout restart deployment/<service> -n <namespace>\`.
5. Still down after 30 minutes: escalate as the strip says.
6. Every service of the region down at once: that is a region outage (Topic 41), fail over rather than restart.

## 6.2 Error Investigation
1. Compare the error start with the last deploy (health detail: revisions).
2. Look for the failing dependency in the readiness checks.
3. A bad release: roll back (r) and watch the error rate fall in the burn pane.
4. No release: search the logs for the first new exception and page its owner.

## 6.3 Performance Tuning
1. Check whether latency follows traffic (REQ/S) or a dependency check going Degraded.
2. Scale out if pods are saturated: \`kubectl scale deployment/<service> -n <namespace> --replicas=<n>\`.
3. If a deploy started it, roll back (r).

## 8.1 Database Recovery
1. Confirm which services report the database check Unhealthy, and in which region.
2. Check the pool in the check's description (active/maximum) and the Azure SQL health in the portal.
3. Restart only after the database answers again; a restart storm exhausts the pool.
4. Page the database team (#atp-database) if the server itself is down.

## 9.1 Message Bus Recovery
1. Confirm the Service Bus check is Unhealthy on more than one service.
2. Check the namespace's status and throttling in Azure; check the managed identity's access.
3. Expect outboxes to grow meanwhile: nothing is lost, the relay resumes when the bus is back.
4. Watch the outbox pane drain after recovery before closing the incident.

## 10.1 Projection Catchup
1. Find which projection and region lag (lag pane), and whether events/s dropped to zero.
2. Check the projection service's logs and its DLQ for lock-lost messages.
3. Scale the projection workers if they keep up too slowly; restart a stalled one.
4. Queries read stale data meanwhile: say so in the status update.

## 10.2 DLQ Triage
1. Open the entity (Enter): the reasons say what to do with each message.
2. Fix the cause first: code or config for DeliveryCountExceeded, a schema migration for SerializationException.
3. Replay a small batch (p, 10 messages), watch it land, then the rest.
4. TTL expired, lock lost and unauthorized messages need their own fix before any replay.

## 14.1 Certificate Renewal
1. Find the endpoint and the days left on the alert.
2. Renew through Key Vault and let the ingress pick up the new secret; confirm with the probe.
3. Under 7 days this is SEV-2: page the primary.

## 14.2 Emergency Key Rotation
1. Confirm the key's last rotation on the alert.
2. Rotate the signing key in Key Vault and let the integrity service load the new version.
3. Verify a fresh integrity proof signs with the new key before closing.

## 15.1 Capacity Expansion
1. Find the volume and node on the alert; check what grew (logs, caches, exports).
2. Free space safely (old export staging, logs) or expand the volume.
3. Plan the capacity change before the next alert.

## 17.1 Tamper Investigation
1. Freeze integrity at once (f, integrity): purge and export stop.
2. Retrieve the integrity proofs for the affected segment and verify them offline.
3. Confirmed: this is SEV-1; engage Security and Compliance, keep every piece of evidence.
4. A false positive: write down the cause, then unfreeze (u).

## 19.1 Compliance Emergency
1. Freeze the operation that breached retention or residency.
2. Engage Compliance (compliance@) and Security at once.
3. Keep the evidence; customer notification goes through Legal.

## Topic 10 SLO Monitoring & Burn Rate Alerts
1. Find the SLO and which window pair fires (burn pane, Enter).
2. Find the cause in the health pane: the service whose errors or latency rose first.
3. The error-budget policy stage says what the team must stop doing (feature releases from 10% consumed).

## Topic 41 Emergency Response: Complete Region Outage
1. Declare SEV-1, page all on-call and fail over to the healthy region (Azure Front Door).
2. Within the same 30 minutes: activate incident command, assess the scope (this region only, or all?), notify Customer Success.
3. Fail over in Azure Front Door, outside the cockpit: remove the failed region from the backend pool, route all traffic to the healthy region(s).
4. Verify the healthy region's capacity: pod counts, node counts; scale up if needed (s on the RegionOutage alert).
5. Monitor the healthy region closely: the increased load may cause cascading issues; watch error rates, latency, resource usage.
6. Communicate to customers: post on the status page, email the affected customers, update the ETA every hour.
7. Investigate in parallel: Azure Service Health, an Azure Support ticket, our own root cause analysis.
8. Recover when the region is restored: shift traffic back gradually (20% → 50% → 100%), monitor for residual issues.
9. Postmortem: document the timeline, identify improvements, update the DR procedures.
Restarting the region's services one by one (6.1) does not bring a region back: fail over first.
`;
