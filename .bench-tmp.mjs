var __defProp = Object.defineProperty;
var __export = (target, all2) => {
  for (var name in all2)
    __defProp(target, name, { get: all2[name], enumerable: true });
};

// src/api/node.ts
import * as t2 from "io-ts";

// src/api/meta.ts
import * as t from "io-ts";
var IntOrString = t.union([t.number, t.string]);
var Time = t.string;
var StringMap = t.readonly(t.record(t.string, t.string));
var OwnerReference = t.readonly(
  t.intersection([
    t.type({ apiVersion: t.string, kind: t.string, name: t.string, uid: t.string }),
    t.partial({ controller: t.boolean, blockOwnerDeletion: t.boolean })
  ])
);
var ObjectMeta = t.readonly(
  t.partial({
    name: t.string,
    generateName: t.string,
    namespace: t.string,
    uid: t.string,
    resourceVersion: t.string,
    generation: t.number,
    creationTimestamp: Time,
    deletionTimestamp: Time,
    deletionGracePeriodSeconds: t.number,
    labels: StringMap,
    annotations: StringMap,
    ownerReferences: t.readonlyArray(OwnerReference),
    finalizers: t.readonlyArray(t.string)
  })
);
var LabelSelectorRequirement = t.readonly(
  t.intersection([
    t.type({ key: t.string, operator: t.string }),
    t.partial({ values: t.readonlyArray(t.string) })
  ])
);
var LabelSelector = t.readonly(
  t.partial({
    matchLabels: StringMap,
    matchExpressions: t.readonlyArray(LabelSelectorRequirement)
  })
);
var Condition = t.readonly(
  t.intersection([
    t.type({ type: t.string, status: t.string }),
    t.partial({
      reason: t.string,
      message: t.string,
      lastTransitionTime: Time,
      lastUpdateTime: Time,
      lastProbeTime: Time,
      lastHeartbeatTime: Time
    })
  ])
);

// src/api/node.ts
var Taint = t2.readonly(
  t2.intersection([
    t2.type({ key: t2.string, effect: t2.string }),
    t2.partial({ value: t2.string, timeAdded: t2.string })
  ])
);
var Node = t2.readonly(
  t2.intersection([
    t2.type({ apiVersion: t2.literal("v1"), kind: t2.literal("Node"), metadata: ObjectMeta }),
    t2.partial({
      spec: t2.readonly(
        t2.partial({
          unschedulable: t2.boolean,
          taints: t2.readonlyArray(Taint),
          podCIDR: t2.string,
          providerID: t2.string
        })
      ),
      status: t2.readonly(
        t2.partial({
          conditions: t2.readonlyArray(Condition),
          capacity: StringMap,
          allocatable: StringMap
        })
      )
    })
  ])
);
var PersistentVolumeClaim = t2.readonly(
  t2.intersection([
    t2.type({
      apiVersion: t2.literal("v1"),
      kind: t2.literal("PersistentVolumeClaim"),
      metadata: ObjectMeta
    }),
    t2.partial({
      spec: t2.readonly(
        t2.partial({
          accessModes: t2.readonlyArray(t2.string),
          resources: t2.unknown,
          storageClassName: t2.string,
          volumeName: t2.string,
          volumeMode: t2.string,
          selector: t2.unknown
        })
      ),
      status: t2.readonly(t2.partial({ phase: t2.string, accessModes: t2.readonlyArray(t2.string), capacity: StringMap }))
    })
  ])
);
var ControllerRevision = t2.readonly(
  t2.intersection([
    t2.type({
      apiVersion: t2.literal("apps/v1"),
      kind: t2.literal("ControllerRevision"),
      metadata: ObjectMeta,
      revision: t2.number
    }),
    t2.partial({ data: t2.unknown })
  ])
);

// src/api/pod.ts
import * as t3 from "io-ts";
var Toleration = t3.readonly(
  t3.partial({
    key: t3.string,
    operator: t3.string,
    value: t3.string,
    effect: t3.string,
    tolerationSeconds: t3.number
  })
);
var NodeSelectorRequirement = t3.readonly(
  t3.intersection([
    t3.type({ key: t3.string, operator: t3.string }),
    t3.partial({ values: t3.readonlyArray(t3.string) })
  ])
);
var NodeSelectorTerm = t3.readonly(
  t3.partial({
    matchExpressions: t3.readonlyArray(NodeSelectorRequirement),
    matchFields: t3.readonlyArray(NodeSelectorRequirement)
  })
);
var Affinity = t3.readonly(
  t3.partial({
    nodeAffinity: t3.readonly(
      t3.partial({
        requiredDuringSchedulingIgnoredDuringExecution: t3.readonly(
          t3.type({ nodeSelectorTerms: t3.readonlyArray(NodeSelectorTerm) })
        ),
        preferredDuringSchedulingIgnoredDuringExecution: t3.readonlyArray(t3.unknown)
      })
    ),
    podAffinity: t3.unknown,
    podAntiAffinity: t3.unknown
  })
);
var Container = t3.readonly(
  t3.intersection([
    t3.type({ name: t3.string }),
    t3.partial({
      image: t3.string,
      command: t3.readonlyArray(t3.string),
      args: t3.readonlyArray(t3.string),
      imagePullPolicy: t3.string,
      terminationMessagePath: t3.string,
      terminationMessagePolicy: t3.string,
      resources: t3.unknown,
      ports: t3.readonlyArray(t3.unknown),
      env: t3.readonlyArray(t3.unknown)
    })
  ])
);
var ContainerStatus = t3.readonly(
  t3.intersection([
    t3.type({ name: t3.string }),
    t3.partial({
      ready: t3.boolean,
      restartCount: t3.number,
      image: t3.string,
      imageID: t3.string,
      started: t3.boolean,
      state: t3.unknown,
      lastState: t3.unknown
    })
  ])
);
var PodSpec = t3.readonly(
  t3.intersection([
    t3.type({ containers: t3.readonlyArray(Container) }),
    t3.partial({
      initContainers: t3.readonlyArray(Container),
      nodeName: t3.string,
      nodeSelector: StringMap,
      affinity: Affinity,
      tolerations: t3.readonlyArray(Toleration),
      restartPolicy: t3.string,
      terminationGracePeriodSeconds: t3.number,
      activeDeadlineSeconds: t3.number,
      dnsPolicy: t3.string,
      schedulerName: t3.string,
      securityContext: t3.unknown,
      priority: t3.number,
      priorityClassName: t3.string,
      hostname: t3.string,
      subdomain: t3.string,
      serviceAccountName: t3.string,
      enableServiceLinks: t3.boolean,
      volumes: t3.readonlyArray(t3.unknown)
    })
  ])
);
var PodStatus = t3.readonly(
  t3.partial({
    phase: t3.string,
    conditions: t3.readonlyArray(Condition),
    containerStatuses: t3.readonlyArray(ContainerStatus),
    initContainerStatuses: t3.readonlyArray(ContainerStatus),
    startTime: Time,
    reason: t3.string,
    message: t3.string,
    hostIP: t3.string,
    podIP: t3.string
  })
);
var PodTemplateSpec = t3.readonly(
  t3.intersection([t3.partial({ metadata: ObjectMeta }), t3.type({ spec: PodSpec })])
);
var Pod = t3.readonly(
  t3.intersection([
    t3.type({ apiVersion: t3.literal("v1"), kind: t3.literal("Pod"), metadata: ObjectMeta, spec: PodSpec }),
    t3.partial({ status: PodStatus })
  ])
);

// src/api/workloads.ts
import * as t4 from "io-ts";
var workload = (apiVersion, kind, spec, status) => t4.readonly(
  t4.intersection([
    t4.type({ apiVersion: t4.literal(apiVersion), kind: t4.literal(kind), metadata: ObjectMeta, spec }),
    t4.partial({ status })
  ])
);
var ReplicaSetSpec = t4.readonly(
  t4.intersection([
    t4.type({ selector: LabelSelector }),
    t4.partial({ replicas: t4.number, minReadySeconds: t4.number, template: PodTemplateSpec })
  ])
);
var ReplicaSetStatus = t4.readonly(
  t4.partial({
    replicas: t4.number,
    fullyLabeledReplicas: t4.number,
    readyReplicas: t4.number,
    availableReplicas: t4.number,
    terminatingReplicas: t4.number,
    observedGeneration: t4.number,
    conditions: t4.readonlyArray(Condition)
  })
);
var ReplicaSet = workload("apps/v1", "ReplicaSet", ReplicaSetSpec, ReplicaSetStatus);
var ReplicationControllerSpec = t4.readonly(
  t4.partial({
    replicas: t4.number,
    minReadySeconds: t4.number,
    selector: StringMap,
    template: PodTemplateSpec
  })
);
var ReplicationController = workload("v1", "ReplicationController", ReplicationControllerSpec, ReplicaSetStatus);
var DeploymentStrategy = t4.readonly(
  t4.partial({
    type: t4.string,
    rollingUpdate: t4.readonly(t4.partial({ maxSurge: IntOrString, maxUnavailable: IntOrString }))
  })
);
var DeploymentSpec = t4.readonly(
  t4.intersection([
    t4.type({ selector: LabelSelector, template: PodTemplateSpec }),
    t4.partial({
      replicas: t4.number,
      strategy: DeploymentStrategy,
      minReadySeconds: t4.number,
      revisionHistoryLimit: t4.number,
      paused: t4.boolean,
      progressDeadlineSeconds: t4.number
    })
  ])
);
var DeploymentStatus = t4.readonly(
  t4.partial({
    observedGeneration: t4.number,
    replicas: t4.number,
    updatedReplicas: t4.number,
    readyReplicas: t4.number,
    availableReplicas: t4.number,
    unavailableReplicas: t4.number,
    terminatingReplicas: t4.number,
    conditions: t4.readonlyArray(Condition),
    collisionCount: t4.number
  })
);
var Deployment = workload("apps/v1", "Deployment", DeploymentSpec, DeploymentStatus);
var StatefulSetSpec = t4.readonly(
  t4.intersection([
    t4.type({ selector: LabelSelector, template: PodTemplateSpec }),
    t4.partial({
      replicas: t4.number,
      serviceName: t4.string,
      podManagementPolicy: t4.string,
      updateStrategy: t4.readonly(
        t4.partial({
          type: t4.string,
          rollingUpdate: t4.readonly(t4.partial({ partition: t4.number, maxUnavailable: IntOrString }))
        })
      ),
      revisionHistoryLimit: t4.number,
      minReadySeconds: t4.number,
      volumeClaimTemplates: t4.readonlyArray(t4.unknown),
      persistentVolumeClaimRetentionPolicy: t4.readonly(
        t4.partial({ whenDeleted: t4.string, whenScaled: t4.string })
      ),
      ordinals: t4.readonly(t4.partial({ start: t4.number }))
    })
  ])
);
var StatefulSetStatus = t4.readonly(
  t4.partial({
    observedGeneration: t4.number,
    replicas: t4.number,
    readyReplicas: t4.number,
    currentReplicas: t4.number,
    updatedReplicas: t4.number,
    availableReplicas: t4.number,
    currentRevision: t4.string,
    updateRevision: t4.string,
    collisionCount: t4.number,
    conditions: t4.readonlyArray(Condition)
  })
);
var StatefulSet = workload("apps/v1", "StatefulSet", StatefulSetSpec, StatefulSetStatus);
var DaemonSetSpec = t4.readonly(
  t4.intersection([
    t4.type({ selector: LabelSelector, template: PodTemplateSpec }),
    t4.partial({
      updateStrategy: t4.readonly(
        t4.partial({
          type: t4.string,
          rollingUpdate: t4.readonly(t4.partial({ maxUnavailable: IntOrString, maxSurge: IntOrString }))
        })
      ),
      minReadySeconds: t4.number,
      revisionHistoryLimit: t4.number
    })
  ])
);
var DaemonSetStatus = t4.readonly(
  t4.partial({
    currentNumberScheduled: t4.number,
    numberMisscheduled: t4.number,
    desiredNumberScheduled: t4.number,
    numberReady: t4.number,
    observedGeneration: t4.number,
    updatedNumberScheduled: t4.number,
    numberAvailable: t4.number,
    numberUnavailable: t4.number,
    collisionCount: t4.number,
    conditions: t4.readonlyArray(Condition)
  })
);
var DaemonSet = workload("apps/v1", "DaemonSet", DaemonSetSpec, DaemonSetStatus);
var JobSpec = t4.readonly(
  t4.intersection([
    t4.type({ template: PodTemplateSpec }),
    t4.partial({
      parallelism: t4.number,
      completions: t4.number,
      activeDeadlineSeconds: t4.number,
      backoffLimit: t4.number,
      backoffLimitPerIndex: t4.number,
      maxFailedIndexes: t4.number,
      selector: LabelSelector,
      manualSelector: t4.boolean,
      ttlSecondsAfterFinished: t4.number,
      completionMode: t4.string,
      suspend: t4.boolean,
      podReplacementPolicy: t4.string,
      podFailurePolicy: t4.unknown,
      successPolicy: t4.unknown,
      managedBy: t4.string
    })
  ])
);
var JobStatus = t4.readonly(
  t4.partial({
    conditions: t4.readonlyArray(Condition),
    startTime: Time,
    completionTime: Time,
    active: t4.number,
    succeeded: t4.number,
    failed: t4.number,
    terminating: t4.number,
    ready: t4.number,
    completedIndexes: t4.string,
    failedIndexes: t4.string,
    uncountedTerminatedPods: t4.unknown
  })
);
var Job = workload("batch/v1", "Job", JobSpec, JobStatus);
var CronJobSpec = t4.readonly(
  t4.intersection([
    t4.type({
      schedule: t4.string,
      jobTemplate: t4.readonly(t4.intersection([t4.partial({ metadata: ObjectMeta }), t4.type({ spec: JobSpec })]))
    }),
    t4.partial({
      timeZone: t4.string,
      startingDeadlineSeconds: t4.number,
      concurrencyPolicy: t4.string,
      suspend: t4.boolean,
      successfulJobsHistoryLimit: t4.number,
      failedJobsHistoryLimit: t4.number
    })
  ])
);
var CronJobStatus = t4.readonly(
  t4.partial({
    active: t4.readonlyArray(t4.unknown),
    lastScheduleTime: Time,
    lastSuccessfulTime: Time
  })
);
var CronJob = workload("batch/v1", "CronJob", CronJobSpec, CronJobStatus);

// src/api/object.ts
var kinds = {
  Pod: { kind: "Pod", apiVersion: "v1", namespaced: true, codec: Pod },
  Node: { kind: "Node", apiVersion: "v1", namespaced: false, codec: Node },
  PersistentVolumeClaim: {
    kind: "PersistentVolumeClaim",
    apiVersion: "v1",
    namespaced: true,
    codec: PersistentVolumeClaim
  },
  ControllerRevision: {
    kind: "ControllerRevision",
    apiVersion: "apps/v1",
    namespaced: true,
    codec: ControllerRevision
  },
  ReplicaSet: { kind: "ReplicaSet", apiVersion: "apps/v1", namespaced: true, codec: ReplicaSet },
  ReplicationController: {
    kind: "ReplicationController",
    apiVersion: "v1",
    namespaced: true,
    codec: ReplicationController
  },
  Deployment: { kind: "Deployment", apiVersion: "apps/v1", namespaced: true, codec: Deployment },
  StatefulSet: { kind: "StatefulSet", apiVersion: "apps/v1", namespaced: true, codec: StatefulSet },
  DaemonSet: { kind: "DaemonSet", apiVersion: "apps/v1", namespaced: true, codec: DaemonSet },
  Job: { kind: "Job", apiVersion: "batch/v1", namespaced: true, codec: Job },
  CronJob: { kind: "CronJob", apiVersion: "batch/v1", namespaced: true, codec: CronJob }
};
var isKind = (kind) => typeof kind === "string" && Object.prototype.hasOwnProperty.call(kinds, kind);

// src/api/defaults.ts
var isRecord = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var str = (v, d) => v === void 0 || v === "" ? d : v;
var isEmpty = (m) => m === void 0 || Object.keys(m).length === 0;
var MAX_INT32 = 2147483647;
var imagePullPolicyFor = (image) => {
  if (image === void 0 || image === "") return "IfNotPresent";
  const at = image.indexOf("@");
  const named = at < 0 ? image : image.slice(0, at);
  const lastPart = named.slice(named.lastIndexOf("/") + 1);
  const colon = lastPart.lastIndexOf(":");
  const tag = colon < 0 ? void 0 : lastPart.slice(colon + 1);
  return tag === "latest" || tag === void 0 && at < 0 ? "Always" : "IfNotPresent";
};
var nonZero = (v, d) => v === void 0 || v === 0 ? d : v;
var probe = (p) => {
  if (!isRecord(p)) return p;
  const httpGet = p["httpGet"];
  return {
    ...p,
    timeoutSeconds: nonZero(p["timeoutSeconds"], 1),
    periodSeconds: nonZero(p["periodSeconds"], 10),
    successThreshold: nonZero(p["successThreshold"], 1),
    failureThreshold: nonZero(p["failureThreshold"], 3),
    ...isRecord(httpGet) ? { httpGet: { ...httpGet, path: httpGet["path"] || "/", scheme: httpGet["scheme"] || "HTTP" } } : {}
  };
};
var PROBES = ["livenessProbe", "readinessProbe", "startupProbe"];
var withProbes = (c) => {
  const untyped = c;
  if (!PROBES.some((k) => untyped[k] !== void 0)) return c;
  return { ...c, ...Object.fromEntries(PROBES.filter((k) => untyped[k] !== void 0).map((k) => [k, probe(untyped[k])])) };
};
var container = (c) => ({
  ...withProbes(c),
  imagePullPolicy: str(c.imagePullPolicy, imagePullPolicyFor(c.image)),
  terminationMessagePath: str(c.terminationMessagePath, "/dev/termination-log"),
  terminationMessagePolicy: str(c.terminationMessagePolicy, "File"),
  ...c.ports === void 0 ? {} : { ports: c.ports.map((p) => isRecord(p) ? { ...p, protocol: p["protocol"] || "TCP" } : p) }
});
var requestsFromLimits = (c) => {
  const r = c.resources;
  if (!isRecord(r) || !isRecord(r["limits"])) return c;
  const requests = isRecord(r["requests"]) ? r["requests"] : {};
  return { ...c, resources: { ...r, requests: { ...r["limits"], ...requests } } };
};
var podContainer = (c) => requestsFromLimits(container(c));
var podSpec = (s, containerDefaults = container) => ({
  ...s,
  containers: s.containers.map(containerDefaults),
  ...s.initContainers === void 0 ? {} : { initContainers: s.initContainers.map(containerDefaults) },
  restartPolicy: str(s.restartPolicy, "Always"),
  terminationGracePeriodSeconds: s.terminationGracePeriodSeconds ?? 30,
  dnsPolicy: str(s.dnsPolicy, "ClusterFirst"),
  schedulerName: str(s.schedulerName, "default-scheduler"),
  securityContext: s.securityContext ?? {}
});
var podTemplate = (t6) => ({ ...t6, spec: podSpec(t6.spec) });
var pod = (p) => {
  const spec = podSpec(p.spec, podContainer);
  return { ...p, spec: { ...spec, enableServiceLinks: spec.enableServiceLinks ?? true } };
};
var node = (n2) => n2.status?.capacity !== void 0 && n2.status.allocatable === void 0 ? { ...n2, status: { ...n2.status, allocatable: n2.status.capacity } } : n2;
var persistentVolumeClaim = (c) => ({
  ...c,
  ...c.spec === void 0 ? {} : { spec: { ...c.spec, volumeMode: str(c.spec.volumeMode, "Filesystem") } },
  status: { ...c.status, phase: str(c.status?.phase, "Pending") }
});
var replicationController = (rc) => {
  const s = rc.spec;
  const templateLabels = s.template?.metadata?.labels;
  const fromTemplate = templateLabels !== void 0 && !isEmpty(templateLabels);
  return {
    ...rc,
    metadata: fromTemplate && isEmpty(rc.metadata.labels) ? { ...rc.metadata, labels: templateLabels } : rc.metadata,
    spec: {
      ...s,
      ...fromTemplate && isEmpty(s.selector) ? { selector: templateLabels } : {},
      replicas: s.replicas ?? 1,
      minReadySeconds: s.minReadySeconds ?? 0,
      ...s.template === void 0 ? {} : { template: podTemplate(s.template) }
    }
  };
};
var replicaSet = (rs) => ({
  ...rs,
  spec: {
    ...rs.spec,
    replicas: rs.spec.replicas ?? 1,
    minReadySeconds: rs.spec.minReadySeconds ?? 0,
    ...rs.spec.template === void 0 ? {} : { template: podTemplate(rs.spec.template) }
  }
});
var deployment = (d) => {
  const s = d.spec;
  const type5 = str(s.strategy?.type, "RollingUpdate");
  const rollingUpdate = type5 === "RollingUpdate" ? {
    ...s.strategy?.rollingUpdate,
    maxUnavailable: s.strategy?.rollingUpdate?.maxUnavailable ?? "25%",
    maxSurge: s.strategy?.rollingUpdate?.maxSurge ?? "25%"
  } : s.strategy?.rollingUpdate;
  return {
    ...d,
    spec: {
      ...s,
      replicas: s.replicas ?? 1,
      strategy: { ...s.strategy, type: type5, ...rollingUpdate === void 0 ? {} : { rollingUpdate } },
      minReadySeconds: s.minReadySeconds ?? 0,
      revisionHistoryLimit: s.revisionHistoryLimit ?? 10,
      progressDeadlineSeconds: s.progressDeadlineSeconds ?? 600,
      template: podTemplate(s.template)
    }
  };
};
var statefulSet = (ss) => {
  const s = ss.spec;
  const typeUnset = str(s.updateStrategy?.type, "") === "";
  const type5 = typeUnset ? "RollingUpdate" : s.updateStrategy?.type ?? "RollingUpdate";
  const block = s.updateStrategy?.rollingUpdate ?? (typeUnset ? {} : void 0);
  const rollingUpdate = type5 === "RollingUpdate" && block !== void 0 ? { ...block, partition: block.partition ?? 0 } : block;
  const retention = s.persistentVolumeClaimRetentionPolicy;
  return {
    ...ss,
    spec: {
      ...s,
      replicas: s.replicas ?? 1,
      podManagementPolicy: str(s.podManagementPolicy, "OrderedReady"),
      updateStrategy: { ...s.updateStrategy, type: type5, ...rollingUpdate === void 0 ? {} : { rollingUpdate } },
      revisionHistoryLimit: s.revisionHistoryLimit ?? 10,
      minReadySeconds: s.minReadySeconds ?? 0,
      persistentVolumeClaimRetentionPolicy: {
        ...retention,
        whenDeleted: str(retention?.whenDeleted, "Retain"),
        whenScaled: str(retention?.whenScaled, "Retain")
      },
      template: podTemplate(s.template)
    }
  };
};
var daemonSet = (ds) => {
  const s = ds.spec;
  const type5 = str(s.updateStrategy?.type, "RollingUpdate");
  const rollingUpdate = type5 === "RollingUpdate" ? {
    ...s.updateStrategy?.rollingUpdate,
    maxUnavailable: s.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1,
    maxSurge: s.updateStrategy?.rollingUpdate?.maxSurge ?? 0
  } : s.updateStrategy?.rollingUpdate;
  return {
    ...ds,
    spec: {
      ...s,
      updateStrategy: { ...s.updateStrategy, type: type5, ...rollingUpdate === void 0 ? {} : { rollingUpdate } },
      revisionHistoryLimit: s.revisionHistoryLimit ?? 10,
      minReadySeconds: s.minReadySeconds ?? 0,
      template: podTemplate(s.template)
    }
  };
};
var job = (j) => {
  const s = j.spec;
  const bothUnset = s.completions === void 0 && s.parallelism === void 0;
  const templateLabels = s.template.metadata?.labels;
  return {
    ...j,
    metadata: isEmpty(j.metadata.labels) && templateLabels !== void 0 && !isEmpty(templateLabels) ? { ...j.metadata, labels: templateLabels } : j.metadata,
    spec: {
      ...s,
      ...bothUnset ? { completions: 1 } : {},
      parallelism: s.parallelism ?? 1,
      backoffLimit: s.backoffLimit ?? (s.backoffLimitPerIndex === void 0 ? 6 : MAX_INT32),
      completionMode: str(s.completionMode, "NonIndexed"),
      suspend: s.suspend ?? false,
      manualSelector: s.manualSelector ?? false,
      podReplacementPolicy: str(s.podReplacementPolicy, s.podFailurePolicy === void 0 ? "TerminatingOrFailed" : "Failed"),
      template: podTemplate(s.template)
    }
  };
};
var cronJob = (c) => {
  const s = c.spec;
  return {
    ...c,
    spec: {
      ...s,
      concurrencyPolicy: str(s.concurrencyPolicy, "Allow"),
      suspend: s.suspend ?? false,
      successfulJobsHistoryLimit: s.successfulJobsHistoryLimit ?? 3,
      failedJobsHistoryLimit: s.failedJobsHistoryLimit ?? 1,
      jobTemplate: {
        ...s.jobTemplate,
        spec: { ...s.jobTemplate.spec, template: podTemplate(s.jobTemplate.spec.template) }
      }
    }
  };
};
var controllerRevision = (r) => r;
var defaulters = {
  Pod: pod,
  Node: node,
  PersistentVolumeClaim: persistentVolumeClaim,
  ControllerRevision: controllerRevision,
  ReplicaSet: replicaSet,
  ReplicationController: replicationController,
  Deployment: deployment,
  StatefulSet: statefulSet,
  DaemonSet: daemonSet,
  Job: job,
  CronJob: cronJob
};
var withNamespace = (m, namespaced) => namespaced && str(m.namespace, "") === "" ? { ...m, namespace: "default" } : m;
var applyDefaults = (obj) => {
  const defaulted = defaulters[obj.kind](obj);
  return { ...defaulted, metadata: withNamespace(defaulted.metadata, kinds[obj.kind].namespaced) };
};

// src/core/Action.ts
var create = (object) => ({ _tag: "Create", object });
var update = (object) => ({ _tag: "Update", object });
var updateStatus = (object) => ({ _tag: "UpdateStatus", object });
var del = (target, options = {}) => ({ _tag: "Delete", target, ...options });
var requeueAfter = (target, seconds3) => ({ _tag: "RequeueAfter", target, seconds: seconds3 });
var event = (target, type5, reason, message) => ({ _tag: "Event", target, type: type5, reason, message });

// src/core/ClusterView.ts
import { Map as IMap } from "immutable";
import * as O from "fp-ts/lib/Option.js";

// src/core/ObjectRef.ts
var of = (obj) => {
  const m = obj.metadata;
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    ...m.namespace === void 0 ? {} : { namespace: m.namespace },
    name: m.name ?? "",
    ...m.uid === void 0 ? {} : { uid: m.uid }
  };
};
var keyOf = (kind, namespace, name) => `${kind}/${namespace ?? ""}/${name}`;
var key = (ref) => keyOf(ref.kind, ref.namespace, ref.name);
var show = (ref) => `${ref.kind} ${ref.namespace === void 0 ? "" : `${ref.namespace}/`}${ref.name}`;

// src/core/ownership.ts
var controllerRef = (obj) => obj.metadata.ownerReferences?.find((r) => r.controller === true);
var isControlledBy = (obj, ownerUid) => ownerUid !== void 0 && controllerRef(obj)?.uid === ownerUid;
var newControllerRef = (owner) => ({
  apiVersion: owner.apiVersion,
  kind: owner.kind,
  name: owner.metadata.name ?? "",
  uid: owner.metadata.uid ?? "",
  controller: true,
  blockOwnerDeletion: true
});
var withOwnerRefs = (obj, refs) => {
  const { ownerReferences: _drop, ...rest } = obj.metadata;
  return { ...obj, metadata: refs.length === 0 ? rest : { ...rest, ownerReferences: refs } };
};
var adopt = (obj, owner) => withOwnerRefs(obj, [...obj.metadata.ownerReferences ?? [], newControllerRef(owner)]);
var release = (obj, ownerUid) => withOwnerRefs(obj, (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid));
var claim = (owner, matches, candidates) => {
  const uid = owner.metadata.uid;
  const ownerDeleting = owner.metadata.deletionTimestamp !== void 0;
  const claimed = [];
  const actions = [];
  for (const obj of candidates) {
    const ref = controllerRef(obj);
    const selected = matches(obj.metadata.labels);
    if (ref !== void 0) {
      if (ref.uid !== uid) continue;
      if (selected) claimed.push(obj);
      else if (!ownerDeleting && uid !== void 0) actions.push(update(release(obj, uid)));
      continue;
    }
    if (ownerDeleting || !selected || obj.metadata.deletionTimestamp !== void 0 || (obj.metadata.namespace ?? "") !== (owner.metadata.namespace ?? "")) {
      continue;
    }
    const adopted = adopt(obj, owner);
    actions.push(update(adopted));
    claimed.push(adopted);
  }
  return { claimed, actions };
};

// src/core/ClusterView.ts
var nsOf = (o) => o.metadata.namespace ?? "";
var kindNs = (kind, ns) => `${kind}/${ns}`;
var objKey = (o) => keyOf(o.kind, o.metadata.namespace, o.metadata.name ?? "");
var nodeOf = (o) => o.kind === "Pod" ? o.spec.nodeName ?? "" : void 0;
var uidShard = (uid) => uid.slice(-3);
var buckets = 64;
var bucketOf = (name) => {
  let h = 0;
  for (let i = Math.max(0, name.length - 4); i < name.length; i++) h = h * 31 + name.charCodeAt(i) | 0;
  return (h >>> 0) % buckets;
};
var nameShard = (kind, ns, name) => `${kind}/${ns}/${bucketOf(name)}`;
var shardsOf = function* (view, kind, ns) {
  for (let b = 0; b < buckets; b++) {
    const s = view.byKindNs.get(`${kind}/${ns}/${b}`);
    if (s !== void 0) yield s;
  }
};
var batch = (outer) => {
  const touched = /* @__PURE__ */ new Map();
  const shard = (idx) => {
    let m = touched.get(idx);
    if (m === void 0) {
      m = new Map(outer.get(idx));
      touched.set(idx, m);
    }
    return m;
  };
  return {
    get: (idx, k) => (touched.get(idx) ?? outer.get(idx))?.get(k),
    set: (idx, k, v) => void shard(idx).set(k, v),
    remove: (idx, k) => {
      if ((touched.get(idx) ?? outer.get(idx))?.has(k) === true) shard(idx).delete(k);
    },
    done: () => touched.size === 0 ? outer : outer.withMutations((o) => {
      for (const [idx, m] of touched) {
        if (m.size === 0) o.remove(idx);
        else o.set(idx, m);
      }
    })
  };
};
var empty = {
  _tag: "ClusterView",
  count: 0,
  byKindNs: IMap(),
  namespaces: IMap(),
  byUid: IMap(),
  byController: IMap(),
  orphans: IMap(),
  byNode: IMap()
};
var withChanges = (view, f) => {
  let count = view.count;
  const byKindNs = batch(view.byKindNs);
  const namespaces = batch(view.namespaces);
  const byUid = batch(view.byUid);
  const byController = batch(view.byController);
  const orphans2 = batch(view.orphans);
  const byNode = batch(view.byNode);
  const reindex = (k, obj, old) => {
    const ouid = old?.metadata.uid;
    const nuid = obj?.metadata.uid;
    if (ouid !== void 0 && ouid !== nuid && byUid.get(uidShard(ouid), ouid) === old) byUid.remove(uidShard(ouid), ouid);
    if (nuid !== void 0) byUid.set(uidShard(nuid), nuid, obj);
    const oc = old === void 0 ? void 0 : controllerRef(old)?.uid ?? kindNs(old.kind, nsOf(old));
    const nc = obj === void 0 ? void 0 : controllerRef(obj)?.uid ?? kindNs(obj.kind, nsOf(obj));
    const ocIsOrphan = old !== void 0 && controllerRef(old) === void 0;
    const ncIsOrphan = obj !== void 0 && controllerRef(obj) === void 0;
    if (oc !== void 0 && (oc !== nc || ocIsOrphan !== ncIsOrphan)) (ocIsOrphan ? orphans2 : byController).remove(oc, k);
    if (nc !== void 0) (ncIsOrphan ? orphans2 : byController).set(nc, k, obj);
    const on = old === void 0 ? void 0 : nodeOf(old);
    const nn2 = obj === void 0 ? void 0 : nodeOf(obj);
    if (on !== void 0 && on !== nn2) byNode.remove(on, k);
    if (nn2 !== void 0) byNode.set(nn2, k, obj);
  };
  f({
    put: (obj) => {
      const ns = nsOf(obj);
      const name = obj.metadata.name ?? "";
      const kn = nameShard(obj.kind, ns, name);
      const old = byKindNs.get(kn, name);
      const k = objKey(obj);
      if (old === void 0) {
        count++;
        namespaces.set(obj.kind, ns, (namespaces.get(obj.kind, ns) ?? 0) + 1);
      }
      byKindNs.set(kn, name, obj);
      reindex(k, obj, old);
    },
    remove: (kind, namespace, name) => {
      const ns = namespace ?? "";
      const kn = nameShard(kind, ns, name);
      const old = byKindNs.get(kn, name);
      if (old === void 0) return;
      count--;
      byKindNs.remove(kn, name);
      const left7 = (namespaces.get(kind, ns) ?? 1) - 1;
      if (left7 === 0) namespaces.remove(kind, ns);
      else namespaces.set(kind, ns, left7);
      reindex(keyOf(kind, namespace, name), void 0, old);
    }
  });
  return {
    _tag: "ClusterView",
    count,
    byKindNs: byKindNs.done(),
    namespaces: namespaces.done(),
    byUid: byUid.done(),
    byController: byController.done(),
    orphans: orphans2.done(),
    byNode: byNode.done()
  };
};
var toArray = (view) => {
  const out = [];
  for (const shard of view.byKindNs.values()) for (const o of shard.values()) out.push(o);
  return out;
};
var list = (view, kind, namespace) => {
  const out = [];
  for (const ns of namespace === void 0 ? view.namespaces.get(kind)?.keys() ?? [] : [namespace]) {
    for (const shard of shardsOf(view, kind, ns)) for (const o of shard.values()) out.push(o);
  }
  return out;
};
var listOf = (view, kind, namespace) => list(view, kind, namespace);
var lookup = (view, kind, namespace, name) => view.byKindNs.get(nameShard(kind, namespace ?? "", name))?.get(name);
var values = (shard, kind) => {
  const out = [];
  if (shard === void 0) return out;
  for (const o of shard.values()) if (kind === void 0 || o.kind === kind) out.push(o);
  return out;
};
var controlledBy = (view, ownerUid, kind) => values(view.byController.get(ownerUid), kind);
var controlledOf = (view, ownerUid, kind) => controlledBy(view, ownerUid, kind);
var orphans = (view, kind, namespace) => values(view.orphans.get(kindNs(kind, namespace)), kind);
var podsOnNode = (view, nodeName) => values(view.byNode.get(nodeName), "Pod");

// src/core/time.ts
var parse = (s) => {
  if (s === void 0 || s === "") return void 0;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? void 0 : ms;
};
var format = (ms) => new Date(Math.floor(ms / 1e3) * 1e3).toISOString().replace(".000Z", "Z");
var formatDate = (d) => format(d.getTime());

// src/core/pods.ts
var readyCondition = (pod4) => pod4.status?.conditions?.find((c) => c.type === "Ready");
var isReady = (pod4) => readyCondition(pod4)?.status === "True";
var nextAvailabilityCheck = (pod4, minReadySeconds, nowMs) => {
  const c = readyCondition(pod4);
  if (c?.status !== "True" || minReadySeconds === 0) return void 0;
  const since = parse(c.lastTransitionTime);
  if (since === void 0) return void 0;
  const left7 = since + minReadySeconds * 1e3 - nowMs;
  return left7 > 0 ? left7 / 1e3 : void 0;
};
var isTerminal = (pod4) => pod4.status?.phase === "Succeeded" || pod4.status?.phase === "Failed";
var isActive = (pod4) => !isTerminal(pod4) && pod4.metadata.deletionTimestamp === void 0;
var isTerminating = (pod4) => !isTerminal(pod4) && pod4.metadata.deletionTimestamp !== void 0;
var maxRestarts = (pod4) => (pod4.status?.containerStatuses ?? []).reduce((m, s) => Math.max(m, s.restartCount ?? 0), 0);

// src/sim/index.ts
var sim_exports = {};
__export(sim_exports, {
  Annotations: () => annotations_exports,
  actionSummary: () => actionSummary,
  advance: () => advance,
  affinityMatches: () => affinityMatches,
  backoffSeconds: () => backoffSeconds,
  defaultExpectationKinds: () => defaultExpectationKinds,
  defaultRounds: () => defaultRounds,
  defaultSeconds: () => defaultSeconds,
  describe: () => describe2,
  faultSummary: () => faultSummary,
  fitsNode: () => fitsNode,
  inject: () => inject,
  isStable: () => isStable,
  make: () => make2,
  mergePatch: () => mergePatch,
  nextEventAt: () => nextEventAt,
  podCapacity: () => podCapacity,
  requirementMatches: () => requirementMatches,
  runUntilStable: () => runUntilStable,
  statusSummary: () => statusSummary,
  step: () => step,
  summary: () => summary,
  taintsTolerated: () => taintsTolerated,
  termMatches: () => termMatches,
  timeline: () => timeline,
  toleratedBy: () => toleratedBy,
  tolerates: () => tolerates
});

// src/sim/simulation.ts
import { Map as IMap2 } from "immutable";

// src/core/ranking.ts
var podDeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";
var costSyntax = /^(0|-?[1-9][0-9]*)$/;
var deletionCost = (pod4) => {
  const v = pod4.metadata.annotations?.[podDeletionCostAnnotation];
  if (v === void 0 || !costSyntax.test(v)) return 0;
  const n2 = Number(v);
  return n2 >= -2147483648 && n2 <= 2147483647 ? n2 : 0;
};
var phaseOrdinal = (pod4) => {
  switch (pod4.status?.phase) {
    case "Unknown":
      return 1;
    case "Running":
      return 2;
    default:
      return 0;
  }
};
var bucket = (nowMs, tMs) => {
  const ns = (nowMs - tMs) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
};
var afterOrZero = (a, b) => a === void 0 || b === void 0 ? a === void 0 : a > b;
var timeLess = (a, b, ta, tb, nowMs) => {
  if (nowMs === void 0 || ta === void 0 || tb === void 0) return afterOrZero(ta, tb);
  const d = bucket(nowMs, ta) - bucket(nowMs, tb);
  return d === 0 ? a.uid < b.uid : d < 0;
};
var less = (a, b, nowMs) => {
  if (a.unassigned !== b.unassigned) return a.unassigned;
  if (a.phase !== b.phase) return a.phase < b.phase;
  if (a.ready !== b.ready) return !a.ready;
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (a.ready && b.ready && a.readyMs !== b.readyMs) return timeLess(a, b, a.readyMs, b.readyMs, nowMs);
  if (a.restarts !== b.restarts) return a.restarts > b.restarts;
  if (a.createdMs !== b.createdMs) return timeLess(a, b, a.createdMs, b.createdMs, nowMs);
  return false;
};
var keyed = (pod4, rank) => ({
  pod: pod4,
  unassigned: (pod4.spec.nodeName ?? "") === "",
  phase: phaseOrdinal(pod4),
  ready: isReady(pod4),
  cost: deletionCost(pod4),
  rank,
  readyMs: parse(readyCondition(pod4)?.lastTransitionTime),
  restarts: maxRestarts(pod4),
  createdMs: parse(pod4.metadata.creationTimestamp),
  uid: pod4.metadata.uid ?? ""
});
var sortForDeletion = (pods2, nowMs, ranks = () => 0) => pods2.map((p) => keyed(p, ranks(p))).sort((a, b) => less(a, b, nowMs) ? -1 : less(b, a, nowMs) ? 1 : 0).map((k) => k.pod);
var podsToDelete = (active, related, diff, nowMs) => {
  if (diff >= active.length) return active.slice(0, diff);
  const onNode = /* @__PURE__ */ new Map();
  for (const p of related) {
    if (!isActive(p)) continue;
    const n2 = p.spec.nodeName ?? "";
    onNode.set(n2, (onNode.get(n2) ?? 0) + 1);
  }
  return sortForDeletion(active, nowMs, (p) => onNode.get(p.spec.nodeName ?? "") ?? 0).slice(0, diff);
};

// src/core/selector.ts
var nothing = () => false;
var everything = () => true;
var has = (labels2, k) => labels2 !== void 0 && Object.prototype.hasOwnProperty.call(labels2, k);
var fromLabelSelector = (sel) => {
  if (sel === void 0) return nothing;
  const eq = Object.entries(sel.matchLabels ?? {});
  const exprs = sel.matchExpressions ?? [];
  if (eq.length === 0 && exprs.length === 0) return everything;
  const tests = [];
  for (const [k, v] of eq) tests.push((l) => has(l, k) && l[k] === v);
  for (const e of exprs) {
    const values2 = new Set(e.values ?? []);
    switch (e.operator) {
      case "In":
        tests.push((l) => has(l, e.key) && values2.has(l[e.key]));
        break;
      case "NotIn":
        tests.push((l) => !has(l, e.key) || !values2.has(l[e.key]));
        break;
      case "Exists":
        tests.push((l) => has(l, e.key));
        break;
      case "DoesNotExist":
        tests.push((l) => !has(l, e.key));
        break;
      default:
        return nothing;
    }
  }
  return (l) => tests.every((f) => f(l));
};
var fromEqualityMap = (sel) => {
  const eq = Object.entries(sel ?? {});
  if (eq.length === 0) return nothing;
  return (l) => eq.every(([k, v]) => has(l, k) && l[k] === v);
};
var isEmpty2 = (sel) => sel !== void 0 && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;

// src/controllers/replicaset/owner.ts
var operators = /* @__PURE__ */ new Set(["In", "NotIn", "Exists", "DoesNotExist"]);
var isValidSelector = (sel) => (sel?.matchExpressions ?? []).every((e) => {
  if (!operators.has(e.operator)) return false;
  const n2 = e.values?.length ?? 0;
  return e.operator === "In" || e.operator === "NotIn" ? n2 > 0 : n2 === 0;
});
var ofReplicaSet = (rs) => ({
  object: rs,
  matches: isValidSelector(rs.spec.selector) ? fromLabelSelector(rs.spec.selector) : void 0,
  replicas: rs.spec.replicas ?? 1,
  minReadySeconds: rs.spec.minReadySeconds ?? 0,
  template: rs.spec.template,
  terminatingReplicas: true
});
var ofReplicationController = (rc) => ({
  object: rc,
  matches: Object.keys(rc.spec.selector ?? {}).length === 0 ? void 0 : fromEqualityMap(rc.spec.selector),
  replicas: rc.spec.replicas ?? 1,
  minReadySeconds: rc.spec.minReadySeconds ?? 0,
  template: rc.spec.template,
  terminatingReplicas: false
});
var ownerSpec = (o) => o.kind === "ReplicaSet" ? ofReplicaSet(o) : ofReplicationController(o);

// src/controllers/replicaset/related.ts
var relatedPods = (owner, view) => {
  const ref = controllerRef(owner);
  if (ref === void 0) return [];
  const ns = owner.metadata.namespace ?? "";
  const orphans2 = orphans(view, "Pod", ns);
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const sibling of controlledBy(view, ref.uid, owner.kind)) {
    if ((sibling.metadata.namespace ?? "") !== ns || sibling.metadata.uid === void 0) continue;
    const matches = ownerSpec(sibling).matches;
    if (matches === void 0) continue;
    for (const pods2 of [controlledOf(view, sibling.metadata.uid, "Pod"), orphans2]) {
      for (const p of pods2) {
        const id = p.metadata.uid ?? p.metadata.name ?? "";
        if ((p.metadata.namespace ?? "") !== ns || seen.has(id) || !matches(p.metadata.labels)) continue;
        seen.add(id);
        out.push(p);
      }
    }
  }
  return out;
};

// src/controllers/replicaset/slowStart.ts
var burstReplicas = 500;
var slowStartInitialBatchSize = 1;
var slowStartBatches = (count, initial = slowStartInitialBatchSize) => {
  const out = [];
  let remaining = Math.max(0, Math.floor(count));
  for (let size = Math.min(remaining, Math.max(1, Math.floor(initial))); size > 0; size = Math.min(2 * size, remaining)) {
    out.push(size);
    remaining -= size;
  }
  return out;
};

// src/controllers/replicaset/manage.ts
var maxNameLength = 253;
var podsPrefix = (name) => name.length + 1 > maxNameLength ? name : `${name}-`;
var podFromTemplate = (owner, template) => {
  const tm = template.metadata ?? {};
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: podsPrefix(owner.metadata.name ?? ""),
      ...owner.metadata.namespace === void 0 ? {} : { namespace: owner.metadata.namespace },
      ...tm.labels === void 0 ? {} : { labels: { ...tm.labels } },
      ...tm.annotations === void 0 ? {} : { annotations: { ...tm.annotations } },
      ...tm.finalizers === void 0 ? {} : { finalizers: [...tm.finalizers] },
      ownerReferences: [newControllerRef(owner)]
    },
    spec: template.spec
  };
};
var noLabelsError = "unable to create pods, no labels";
var getPodsToDelete = (active, related, diff, nowMs) => podsToDelete(active, related, diff, nowMs);
var none = { actions: [], outcome: { _tag: "Ok" }, creates: 0, deletes: [] };
var manageReplicas = (owner, active, view, nowMs) => {
  const diff = active.length - owner.replicas;
  const target = of(owner.object);
  if (diff < 0) {
    const n2 = Math.min(-diff, burstReplicas);
    const template = owner.template;
    if (template === void 0 || Object.keys(template.metadata?.labels ?? {}).length === 0) {
      return { actions: [], outcome: { _tag: "Failed", message: noLabelsError }, creates: 0, deletes: [] };
    }
    const pod4 = podFromTemplate(owner.object, template);
    const message = `Created pod: ${pod4.metadata.generateName ?? ""}`;
    const actions = [];
    for (const size of slowStartBatches(n2)) {
      for (let i = 0; i < size; i++) actions.push(create(pod4), event(target, "Normal", "SuccessfulCreate", message));
    }
    return { actions, outcome: { _tag: "Pending" }, creates: n2, deletes: [] };
  }
  if (diff > 0) {
    const n2 = Math.min(diff, burstReplicas);
    const victims = getPodsToDelete(active, relatedPods(owner.object, view), n2, nowMs);
    const actions = [];
    for (const p of victims) {
      const name = p.metadata.name ?? "";
      actions.push(
        del(of(p), p.metadata.uid === void 0 ? {} : { preconditions: { uid: p.metadata.uid } }),
        event(target, "Normal", "SuccessfulDelete", `Deleted pod: ${name}`)
      );
    }
    return { actions, outcome: { _tag: "Pending" }, creates: 0, deletes: victims };
  }
  return none;
};

// src/core/hash.ts
var podTemplateHashLabel = "pod-template-hash";
var alphanums = "bcdfghjklmnpqrstvwxz2456789";
var canonicalJson = (v) => {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  const entries2 = Object.entries(v).filter(([, x]) => x !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  return `{${entries2.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(",")}}`;
};
var fnv1a = (bytes) => {
  let h = 2166136261;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
};
var withoutHashLabel = (template) => {
  const labels2 = template.metadata?.labels;
  if (labels2 === void 0 || !(podTemplateHashLabel in labels2)) return template;
  const { [podTemplateHashLabel]: _drop, ...rest } = labels2;
  return { ...template, metadata: { ...template.metadata, labels: rest } };
};
var safeEncode = (s) => Array.from(s, (c) => alphanums[c.charCodeAt(0) % alphanums.length]).join("");
var computeHash = (template, collisionCount) => {
  const bytes = Array.from(new TextEncoder().encode(canonicalJson(withoutHashLabel(template))));
  if (collisionCount !== void 0) {
    const c = collisionCount >>> 0;
    bytes.push(c & 255, c >>> 8 & 255, c >>> 16 & 255, c >>> 24 & 255, 0, 0, 0, 0);
  }
  return safeEncode(String(fnv1a(bytes)));
};

// src/controllers/replicaset/status.ts
var replicaFailure = "ReplicaFailure";
var canonical = (s) => s.length === 20 && s.charCodeAt(19) === 90 && s.charCodeAt(10) === 84;
var availableSince = (minReadySeconds, nowMs) => {
  const limitMs = nowMs - minReadySeconds * 1e3;
  const limit = format(limitMs);
  return (since) => {
    if (since === void 0 || since === "") return false;
    if (canonical(since)) return since <= limit;
    const ms = parse(since);
    return ms !== void 0 && ms <= limitMs;
  };
};
var countPods = (active, templateLabels, minReadySeconds, nowMs) => {
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  const wanted = Object.entries(templateLabels ?? {});
  const isAvailableSince = minReadySeconds > 0 ? availableSince(minReadySeconds, nowMs) : void 0;
  for (const p of active) {
    const labels2 = p.metadata.labels;
    if (wanted.every(([k, v]) => labels2 !== void 0 && labels2[k] === v && Object.prototype.hasOwnProperty.call(labels2, k))) {
      fullyLabeled++;
    }
    const c = readyCondition(p);
    if (c?.status === "True") {
      ready++;
      if (isAvailableSince === void 0 || isAvailableSince(c.lastTransitionTime)) available++;
    }
  }
  return { replicas: active.length, fullyLabeledReplicas: fullyLabeled, readyReplicas: ready, availableReplicas: available };
};
var failureReason = (active, replicas) => active < replicas ? "FailedCreate" : active > replicas ? "FailedDelete" : "";
var calculateStatus = (owner, active, terminating, outcome2, nowMs) => {
  const old = owner.object.status ?? {};
  const counts2 = countPods(active, owner.template?.metadata?.labels, owner.minReadySeconds, nowMs);
  const conditions2 = old.conditions ?? [];
  const has2 = conditions2.some((c) => c.type === replicaFailure);
  let next2 = old.conditions;
  if (outcome2._tag === "Failed" && !has2) {
    const reason = failureReason(active.length, owner.replicas);
    const cond = {
      type: replicaFailure,
      status: "True",
      ...reason === "" ? {} : { reason },
      message: outcome2.message,
      lastTransitionTime: format(nowMs)
    };
    next2 = [...conditions2, cond];
  } else if (outcome2._tag === "Ok" && has2) {
    next2 = conditions2.filter((c) => c.type !== replicaFailure);
  }
  const { conditions: _c, ...rest } = old;
  return {
    ...rest,
    ...counts2,
    ...owner.terminatingReplicas ? { terminatingReplicas: terminating.length } : {},
    ...next2 === void 0 || next2.length === 0 ? {} : { conditions: next2 }
  };
};
var n = (v) => v ?? 0;
var statusUnchanged = (owner, next2) => {
  const old = owner.object.status ?? {};
  return n(old.replicas) === n(next2.replicas) && n(old.fullyLabeledReplicas) === n(next2.fullyLabeledReplicas) && n(old.readyReplicas) === n(next2.readyReplicas) && n(old.availableReplicas) === n(next2.availableReplicas) && old.terminatingReplicas === next2.terminatingReplicas && n(owner.object.metadata.generation) === n(old.observedGeneration) && canonicalJson(old.conditions ?? []) === canonicalJson(next2.conditions ?? []);
};
var nextStatus = (owner, next2) => {
  const g = owner.object.metadata.generation;
  const { observedGeneration: _o, ...rest } = next2;
  return g === void 0 ? rest : { ...rest, observedGeneration: g };
};
var nextAvailabilityCheck2 = (active, minReadySeconds, nowMs) => {
  let min;
  for (const p of active) {
    const s = nextAvailabilityCheck(p, minReadySeconds, nowMs);
    if (s !== void 0 && (min === void 0 || s < min)) min = s;
  }
  return min;
};
var availabilityRequeue = (owner, status, active, nowMs) => {
  if (owner.minReadySeconds <= 0 || n(status.readyReplicas) === n(status.availableReplicas)) return void 0;
  return nextAvailabilityCheck2(active, owner.minReadySeconds, nowMs) ?? owner.minReadySeconds;
};

// src/controllers/replicaset/reconcile.ts
var candidatePods = (owner, view) => {
  const ns = owner.metadata.namespace ?? "";
  const uid = owner.metadata.uid;
  const owned = uid === void 0 ? [] : controlledOf(view, uid, "Pod").filter((p) => (p.metadata.namespace ?? "") === ns);
  const orphans2 = orphans(view, "Pod", ns);
  return owned.length === 0 ? orphans2 : orphans2.length === 0 ? owned : [...owned, ...orphans2];
};
var plan = (owner, view, now) => {
  const matches = owner.matches;
  if (matches === void 0) return void 0;
  const o = owner.object;
  const nowMs = now.getTime();
  const candidates = candidatePods(o, view);
  const { claimed, actions: claims } = claim(o, matches, candidates.filter(isActive));
  const uid = o.metadata.uid;
  const terminating = candidates.filter(
    (p) => isTerminating(p) && isControlledBy(p, uid) && matches(p.metadata.labels)
  );
  const manage = o.metadata.deletionTimestamp === void 0 ? manageReplicas(owner, claimed, view, nowMs) : { actions: [], outcome: { _tag: "Ok" }, creates: 0, deletes: [] };
  const status = calculateStatus(owner, claimed, terminating, manage.outcome, nowMs);
  const statusUpdate = statusUnchanged(owner, status) ? void 0 : updateStatus({ ...o, status: nextStatus(owner, status) });
  return {
    active: claimed,
    terminating,
    claims,
    manage,
    status,
    statusUpdate,
    requeueAfter: availabilityRequeue(owner, status, claimed, nowMs)
  };
};
var toActions = (owner, p) => {
  if (p === void 0) return [];
  const out = [...p.claims, ...p.manage.actions];
  if (p.statusUpdate !== void 0) out.push(p.statusUpdate);
  if (p.requeueAfter !== void 0) out.push(requeueAfter(of(owner), p.requeueAfter));
  return out;
};
var reconcile = (rs, view, now) => toActions(rs, plan(ofReplicaSet(rs), view, now));

// src/controllers/replicaset/replicationController.ts
var replicationController_exports = {};
__export(replicationController_exports, {
  reconcile: () => reconcile2
});
var reconcile2 = (rc, view, now) => toActions(rc, plan(ofReplicationController(rc), view, now));

// src/controllers/deployment/reconcile.ts
import * as E8 from "fp-ts/lib/Either.js";
import { pipe as pipe4 } from "fp-ts/lib/function.js";

// src/controllers/deployment/annotations.ts
var revisionAnnotation = "deployment.kubernetes.io/revision";
var revisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
var desiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
var maxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";
var rollbackToAnnotation = "deprecated.deployment.rollback.to";
var lastAppliedConfigAnnotation = "kubectl.kubernetes.io/last-applied-configuration";
var revisionHistoryLimitChars = 2e3;
var skippedAnnotations = /* @__PURE__ */ new Set([
  lastAppliedConfigAnnotation,
  revisionAnnotation,
  revisionHistoryAnnotation,
  desiredReplicasAnnotation,
  maxReplicasAnnotation,
  rollbackToAnnotation
]);
var MAX_INT322 = 2147483647;
var int64 = /^[+-]?[0-9]+$/;
var revision = (annotations2) => {
  const v = annotations2?.[revisionAnnotation];
  if (v === void 0) return 0;
  return int64.test(v) ? Number(v) : void 0;
};
var revisionOf = (rs) => revision(rs.metadata.annotations);
var nonNegativeInt32 = (annotations2, key2) => {
  const v = annotations2?.[key2];
  if (v === void 0 || !/^[0-9]+$/.test(v)) return void 0;
  const n2 = Number(v);
  return n2 > MAX_INT322 ? void 0 : n2;
};
var desiredReplicas = (rs) => nonNegativeInt32(rs.metadata.annotations, desiredReplicasAnnotation);
var maxReplicas = (rs) => nonNegativeInt32(rs.metadata.annotations, maxReplicasAnnotation);
var rollbackTo = (d) => {
  const v = d.metadata.annotations?.[rollbackToAnnotation];
  if (v === void 0 || v === "" || !int64.test(v)) return void 0;
  return Number(v);
};
var withAnnotations = (obj, annotations2) => ({ ...obj, metadata: { ...obj.metadata, annotations: annotations2 } });
var copyDeploymentAnnotations = (d, rs) => {
  const current2 = rs.metadata.annotations ?? {};
  const next2 = { ...current2 };
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (skippedAnnotations.has(k) || current2[k] === v) continue;
    next2[k] = v;
    changed = true;
  }
  return { value: changed ? withAnnotations(rs, next2) : rs, changed };
};
var replicasAnnotationsNeedUpdate = (rs, desired, max) => {
  const a = rs.metadata.annotations;
  return a === void 0 || a[desiredReplicasAnnotation] !== String(desired) || a[maxReplicasAnnotation] !== String(max);
};
var setReplicasAnnotations = (rs, desired, max) => {
  if (!replicasAnnotationsNeedUpdate(rs, desired, max)) return { value: rs, changed: false };
  return {
    value: withAnnotations(rs, {
      ...rs.metadata.annotations,
      [desiredReplicasAnnotation]: String(desired),
      [maxReplicasAnnotation]: String(max)
    }),
    changed: true
  };
};
var appendRevisionHistory = (history, old, limit) => {
  if (history === "") return old;
  const entries2 = history.split(",");
  let total = history.length + old.length + 1;
  let start4 = 0;
  while (total > limit && start4 < entries2.length) {
    total -= (entries2[start4]?.length ?? 0) + 1;
    start4++;
  }
  return total <= limit ? [...entries2.slice(start4), old].join(",") : void 0;
};
var setNewReplicaSetAnnotations = (d, rs, newRevision, exists, desired, max, limitChars = revisionHistoryLimitChars) => {
  const copied = copyDeploymentAnnotations(d, rs);
  let out = copied.value;
  let changed = copied.changed;
  const annotations2 = out.metadata.annotations ?? {};
  const oldString = annotations2[revisionAnnotation];
  const had = oldString !== void 0;
  let old = 0;
  if (had && oldString !== "") {
    if (!int64.test(oldString)) return { value: out, changed: false };
    old = Number(oldString);
  }
  if (old < newRevision) {
    const next2 = { ...annotations2, [revisionAnnotation]: String(newRevision) };
    if (had) {
      const history = appendRevisionHistory(annotations2[revisionHistoryAnnotation] ?? "", oldString, limitChars);
      if (history !== void 0) next2[revisionHistoryAnnotation] = history;
    }
    out = withAnnotations(out, next2);
    changed = true;
  }
  if (!exists) {
    const r = setReplicasAnnotations(out, desired, max);
    out = r.value;
    changed = changed || r.changed;
  }
  return { value: out, changed };
};
var setDeploymentRevision = (d, rev) => d.metadata.annotations?.[revisionAnnotation] === rev ? { value: d, changed: false } : { value: withAnnotations(d, { ...d.metadata.annotations, [revisionAnnotation]: rev }), changed: true };
var rollbackAnnotations = (d, rs) => {
  const out = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (skippedAnnotations.has(k)) out[k] = v;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!skippedAnnotations.has(k)) out[k] = v;
  return out;
};

// src/controllers/deployment/fenceposts.ts
import * as E2 from "fp-ts/lib/Either.js";

// src/core/intOrString.ts
import * as E from "fp-ts/lib/Either.js";
var percent = /^([0-9]+)%$/;
var scaledValue = (v, total, roundUp) => {
  if (typeof v === "number") return E.right(v);
  const m = percent.exec(v);
  if (m === null) return E.left(`invalid value for IntOrString: invalid type: string is not a percentage: "${v}"`);
  const exact = Number(m[1]) * total / 100;
  return E.right(roundUp ? Math.ceil(exact) : Math.floor(exact));
};
var roundHalfAwayFromZero = (x) => x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5);

// src/controllers/deployment/orderings.ts
var specReplicas = (rs) => rs.spec.replicas ?? 1;
var isActive2 = (rs) => specReplicas(rs) > 0;
var filterActive = (rss) => rss.filter(isActive2);
var created = (rs) => parse(rs.metadata.creationTimestamp) ?? Number.NEGATIVE_INFINITY;
var nameOf = (rs) => rs.metadata.name ?? "";
var cmp = (a, b) => a < b ? -1 : a > b ? 1 : 0;
var byCreationTimestamp = (a, b) => {
  const ta = created(a);
  const tb = created(b);
  return ta === tb ? cmp(nameOf(a), nameOf(b)) : ta < tb ? -1 : 1;
};
var bySizeOlder = (a, b) => specReplicas(a) === specReplicas(b) ? byCreationTimestamp(a, b) : specReplicas(b) - specReplicas(a);
var bySizeNewer = (a, b) => specReplicas(a) === specReplicas(b) ? byCreationTimestamp(b, a) : specReplicas(b) - specReplicas(a);
var byRevision = (a, b) => {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (ra === void 0 || rb === void 0 || ra === rb) return byCreationTimestamp(a, b);
  return ra - rb;
};
var sorted = (rss, by) => [...rss].sort(by);
var replicaCount = (rss) => rss.reduce((n2, rs) => n2 + specReplicas(rs), 0);
var actualReplicaCount = (rss) => rss.reduce((n2, rs) => n2 + (rs.status?.replicas ?? 0), 0);
var readyReplicaCount = (rss) => rss.reduce((n2, rs) => n2 + (rs.status?.readyReplicas ?? 0), 0);
var availableReplicaCount = (rss) => rss.reduce((n2, rs) => n2 + (rs.status?.availableReplicas ?? 0), 0);
var terminatingReplicaCount = (rss) => {
  let total = 0;
  for (const rs of rss) {
    const t6 = rs.status?.terminatingReplicas;
    if (t6 === void 0) {
      if ((rs.status?.observedGeneration ?? 0) === 0) continue;
      return void 0;
    }
    total += t6;
  }
  return total;
};

// src/controllers/deployment/fenceposts.ts
var resolveFenceposts = (maxSurge2, maxUnavailable2, desired) => {
  const surge = scaledValue(maxSurge2 ?? 0, desired, true);
  if (E2.isLeft(surge)) return surge;
  const unavailable = scaledValue(maxUnavailable2 ?? 0, desired, false);
  if (E2.isLeft(unavailable)) return unavailable;
  return E2.right(
    surge.right === 0 && unavailable.right === 0 ? { surge: 0, unavailable: 1 } : { surge: surge.right, unavailable: unavailable.right }
  );
};
var replicasOf = (d) => d.spec.replicas ?? 1;
var strategyType = (d) => d.spec.strategy?.type ?? "RollingUpdate";
var isRollingUpdate = (d) => strategyType(d) === "RollingUpdate";
var fenceposts = (d) => {
  const ru = d.spec.strategy?.rollingUpdate;
  return E2.getOrElse(() => ({ surge: 0, unavailable: 0 }))(
    resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d))
  );
};
var maxSurge = (d) => isRollingUpdate(d) ? fenceposts(d).surge : 0;
var maxUnavailable = (d) => {
  const r = replicasOf(d);
  if (!isRollingUpdate(d) || r === 0) return 0;
  return Math.min(fenceposts(d).unavailable, r);
};
var newRSNewReplicas = (d, allRSs, newRS) => {
  const r = replicasOf(d);
  switch (strategyType(d)) {
    case "RollingUpdate": {
      const ms = d.spec.strategy?.rollingUpdate?.maxSurge;
      if (ms === void 0) return E2.left("nil value for IntOrString");
      return E2.map((surge) => {
        const current2 = replicaCount(allRSs);
        const maxTotal = r + surge;
        const own = specReplicas(newRS);
        if (current2 >= maxTotal) return own;
        return own + Math.min(maxTotal - current2, r - own);
      })(scaledValue(ms, r, true));
    }
    case "Recreate":
      return E2.right(r);
    default:
      return E2.left(`deployment type ${strategyType(d)} isn't supported`);
  }
};

// src/controllers/deployment/plan.ts
import * as E3 from "fp-ts/lib/Either.js";
var ok = (s, value) => E3.right([s, value]);
var stop = (s) => E3.left(s);
var start = (view, now, d, rsList, podMap, actions) => {
  const writes = /* @__PURE__ */ new Map();
  actions.forEach((a, i) => {
    if (a._tag === "Update") writes.set(rsKey(a.object.metadata.name ?? ""), i);
  });
  return { view, now, observed: d, d, rsList, podMap, actions, writes };
};
var rsKey = (name) => `ReplicaSet/${name}`;
var record2 = (s, key2, action) => {
  const at = s.writes.get(key2);
  if (at !== void 0) {
    const actions = s.actions.slice();
    actions[at] = action;
    return { ...s, actions };
  }
  const writes = new Map(s.writes);
  writes.set(key2, s.actions.length);
  return { ...s, actions: [...s.actions, action], writes };
};
var sameName = (a, b) => a.metadata.name === b.metadata.name;
var project = (s, rs) => ({
  ...s,
  rsList: s.rsList.some((x) => sameName(x, rs)) ? s.rsList.map((x) => sameName(x, rs) ? rs : x) : [...s.rsList, rs]
});
var writeReplicaSet = (s, rs) => {
  const key2 = rsKey(rs.metadata.name ?? "");
  const at = s.writes.get(key2);
  const action = at !== void 0 && s.actions[at]?._tag === "Create" ? create(rs) : update(rs);
  return project(record2(s, key2, action), rs);
};
var createReplicaSet = (s, rs) => project(record2(s, rsKey(rs.metadata.name ?? ""), create(rs)), rs);
var deleteReplicaSet = (s, rs) => {
  const uid = rs.metadata.uid;
  return {
    ...s,
    actions: [...s.actions, del(of(rs), uid === void 0 ? {} : { preconditions: { uid } })]
  };
};
var setDeployment = (s, d) => ({ ...s, d });
var writeStatus = (s) => record2(s, "status", updateStatus(withObservedVersion(s, s.d)));
var writeDeployment = (s) => record2(s, "spec", update(withObservedVersion(s, s.d)));
var withObservedVersion = (s, d) => {
  const rv = s.observed.metadata.resourceVersion;
  if (d.metadata.resourceVersion === rv) return d;
  const { resourceVersion: _drop, ...meta } = d.metadata;
  return { ...d, metadata: rv === void 0 ? meta : { ...meta, resourceVersion: rv } };
};
var event2 = (s, type5, reason, message) => ({
  ...s,
  actions: [...s.actions, event(of(s.observed), type5, reason, message)]
});
var requeue = (s, seconds3) => ({
  ...s,
  actions: [...s.actions, requeueAfter(of(s.observed), seconds3)]
});

// src/controllers/deployment/progress.ts
var availableType = "Available";
var progressingType = "Progressing";
var replicaFailureType = "ReplicaFailure";
var newReplicaSetReason = "NewReplicaSetCreated";
var foundNewRSReason = "FoundNewReplicaSet";
var replicaSetUpdatedReason = "ReplicaSetUpdated";
var newRSAvailableReason = "NewReplicaSetAvailable";
var timedOutReason = "ProgressDeadlineExceeded";
var pausedReason = "DeploymentPaused";
var resumedReason = "DeploymentResumed";
var minimumReplicasAvailable = "MinimumReplicasAvailable";
var minimumReplicasUnavailable = "MinimumReplicasUnavailable";
var getCondition = (status, type5) => status?.conditions?.find((c) => c.type === type5);
var newCondition = (type5, status, reason, message, now) => {
  const t6 = formatDate(now);
  return { type: type5, status, lastUpdateTime: t6, lastTransitionTime: t6, reason, message };
};
var removeCondition = (status, type5) => {
  if (getCondition(status, type5) === void 0) return status;
  const conditions2 = (status.conditions ?? []).filter((c) => c.type !== type5);
  const { conditions: _drop, ...rest } = status;
  return conditions2.length === 0 ? rest : { ...rest, conditions: conditions2 };
};
var setCondition = (status, c) => {
  const current2 = getCondition(status, c.type);
  if (current2 !== void 0 && current2.status === c.status && current2.reason === c.reason) return status;
  const next2 = current2 !== void 0 && current2.status === c.status ? withTransition(c, current2.lastTransitionTime) : c;
  return { ...status, conditions: [...(status.conditions ?? []).filter((x) => x.type !== c.type), next2] };
};
var withTransition = (c, t6) => {
  const { lastTransitionTime: _drop, ...rest } = c;
  return t6 === void 0 ? rest : { ...rest, lastTransitionTime: t6 };
};
var MAX_INT323 = 2147483647;
var hasProgressDeadline = (d) => {
  const p = d.spec.progressDeadlineSeconds;
  return p !== void 0 && p !== MAX_INT323;
};
var hasRevisionHistoryLimit = (d) => {
  const l = d.spec.revisionHistoryLimit;
  return l !== void 0 && l !== MAX_INT323;
};
var deploymentComplete = (d, s) => {
  const r = replicasOf(d);
  return (s?.updatedReplicas ?? 0) === r && (s?.replicas ?? 0) === r && (s?.availableReplicas ?? 0) === r && (s?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
};
var deploymentProgressing = (d, s) => {
  const o = d.status;
  const n2 = (x) => x ?? 0;
  return n2(s.updatedReplicas) > n2(o?.updatedReplicas) || n2(s.replicas) - n2(s.updatedReplicas) < n2(o?.replicas) - n2(o?.updatedReplicas) || n2(s.readyReplicas) > n2(o?.readyReplicas) || n2(s.availableReplicas) > n2(o?.availableReplicas);
};
var deploymentTimedOut = (d, s, now) => {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, progressingType);
  if (c === void 0 || c.reason === newRSAvailableReason) return false;
  if (c.reason === timedOutReason) return true;
  const from = parse(c.lastUpdateTime) ?? Number.NEGATIVE_INFINITY;
  return from + (d.spec.progressDeadlineSeconds ?? 0) * 1e3 < now.getTime();
};
var calculateStatus2 = (allRSs, newRS, d, now) => {
  const available = availableReplicaCount(allRSs);
  const status = compact({
    observedGeneration: d.metadata.generation ?? 0,
    replicas: actualReplicaCount(allRSs),
    updatedReplicas: newRS === void 0 ? 0 : newRS.status?.replicas ?? 0,
    readyReplicas: readyReplicaCount(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, replicaCount(allRSs) - available),
    conditions: d.status?.conditions ?? []
  });
  const terminating = terminatingReplicaCount(allRSs);
  const collisions = d.status?.collisionCount;
  const full = {
    ...status,
    ...terminating === void 0 ? {} : { terminatingReplicas: terminating },
    ...collisions === void 0 ? {} : { collisionCount: collisions }
  };
  return available >= replicasOf(d) - maxUnavailable(d) ? setCondition(
    full,
    newCondition(availableType, "True", minimumReplicasAvailable, "Deployment has minimum availability.", now)
  ) : setCondition(
    full,
    newCondition(availableType, "False", minimumReplicasUnavailable, "Deployment does not have minimum availability.", now)
  );
};
var compact = (s) => {
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (v === 0 || Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out;
};
var numericFields = [
  "observedGeneration",
  "replicas",
  "updatedReplicas",
  "readyReplicas",
  "availableReplicas",
  "unavailableReplicas"
];
var statusEqual = (a, b) => numericFields.every((f) => (a?.[f] ?? 0) === (b?.[f] ?? 0)) && a?.terminatingReplicas === b?.terminatingReplicas && a?.collisionCount === b?.collisionCount && canonicalJson(a?.conditions ?? []) === canonicalJson(b?.conditions ?? []);
var withStatus = (d, status) => ({ ...d, status });
var syncDeploymentStatus = (s, allRSs, newRS) => {
  const status = calculateStatus2(allRSs, newRS, s.d, s.now);
  if (statusEqual(s.d.status, status)) return s;
  return writeStatus(setDeployment(s, withStatus(s.d, status)));
};
var replicaFailures = (allRSs, newRS) => {
  const of2 = (rs) => (rs.status?.conditions ?? []).filter((c) => c.type === replicaFailureType).map((c) => {
    const { lastTransitionTime, ...rest } = c;
    return lastTransitionTime === void 0 ? rest : { ...rest, lastUpdateTime: lastTransitionTime, lastTransitionTime };
  });
  const own = newRS === void 0 ? [] : of2(newRS);
  return own.length > 0 ? own : allRSs.flatMap(of2);
};
var syncRolloutStatus = (s, allRSs, newRS) => {
  const d = s.d;
  const deadline = hasProgressDeadline(d);
  let status = calculateStatus2(allRSs, newRS, d, s.now);
  if (!deadline) status = removeCondition(status, progressingType);
  const current2 = getCondition(d.status, progressingType);
  const complete = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && current2?.reason === newRSAvailableReason;
  if (deadline && !complete) {
    const name = d.metadata.name ?? "";
    if (deploymentComplete(d, status)) {
      const msg = newRS === void 0 ? `Deployment "${name}" has successfully progressed.` : `ReplicaSet "${newRS.metadata.name ?? ""}" has successfully progressed.`;
      status = setCondition(status, newCondition(progressingType, "True", newRSAvailableReason, msg, s.now));
    } else if (deploymentProgressing(d, status)) {
      const msg = newRS === void 0 ? `Deployment "${name}" is progressing.` : `ReplicaSet "${newRS.metadata.name ?? ""}" is progressing.`;
      let c = newCondition(progressingType, "True", replicaSetUpdatedReason, msg, s.now);
      if (current2 !== void 0) {
        if (current2.status === "True") c = withTransition(c, current2.lastTransitionTime);
        status = removeCondition(status, progressingType);
      }
      status = setCondition(status, c);
    } else if (deploymentTimedOut(d, status, s.now)) {
      const msg = newRS === void 0 ? `Deployment "${name}" has timed out progressing.` : `ReplicaSet "${newRS.metadata.name ?? ""}" has timed out progressing.`;
      status = setCondition(status, newCondition(progressingType, "False", timedOutReason, msg, s.now));
    }
  }
  const failure = replicaFailures(allRSs, newRS)[0];
  status = failure === void 0 ? removeCondition(status, replicaFailureType) : setCondition(status, failure);
  if (statusEqual(d.status, status)) {
    const after = requeueStuckDeployment(d, status, s.now);
    return after === void 0 ? s : requeue(s, after + 1);
  }
  return writeStatus(setDeployment(s, withStatus(d, status)));
};
var requeueStuckDeployment = (d, s, now) => {
  const current2 = getCondition(d.status, progressingType);
  if (!hasProgressDeadline(d) || current2 === void 0) return void 0;
  if (deploymentComplete(d, s) || current2.reason === timedOutReason) return void 0;
  const from = parse(current2.lastUpdateTime) ?? Number.NEGATIVE_INFINITY;
  const after = (from + (d.spec.progressDeadlineSeconds ?? 0) * 1e3 - now.getTime()) / 1e3;
  return after < 1 ? 0 : after;
};

// src/controllers/deployment/history.ts
var isCleanable = (rs) => (rs.status?.replicas ?? 0) === 0 && specReplicas(rs) === 0 && (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0) && rs.metadata.deletionTimestamp === void 0 && rs.status?.terminatingReplicas === 0;
var replicaSetsToClean = (d, oldRSs) => {
  if (!hasRevisionHistoryLimit(d)) return [];
  const alive = oldRSs.filter((rs) => rs.metadata.deletionTimestamp === void 0);
  const diff = alive.length - (d.spec.revisionHistoryLimit ?? 0);
  if (diff <= 0) return [];
  return sorted(alive, byRevision).slice(0, diff).filter(isCleanable);
};
var cleanupDeployment = (s, oldRSs) => replicaSetsToClean(s.d, oldRSs).reduce(deleteReplicaSet, s);

// src/controllers/deployment/newReplicaSet.ts
import * as E4 from "fp-ts/lib/Either.js";
var normalize = (v) => {
  if (Array.isArray(v)) return v.length === 0 ? void 0 : v.map(normalize);
  if (v === null || typeof v !== "object") return v;
  const out = {};
  for (const [k, x] of Object.entries(v)) {
    const n2 = normalize(x);
    if (n2 !== void 0) out[k] = n2;
  }
  return Object.keys(out).length === 0 ? void 0 : out;
};
var templateKey = (t6) => canonicalJson(normalize(t6 === void 0 ? void 0 : withoutHashLabel(t6)) ?? null);
var equalIgnoreHash = (a, b) => templateKey(a) === templateKey(b);
var findNewReplicaSet = (d, rsList) => {
  const key2 = templateKey(d.spec.template);
  return sorted(rsList, byCreationTimestamp).find((rs) => templateKey(rs.spec.template) === key2);
};
var findOldReplicaSets = (d, rsList) => {
  const newRS = findNewReplicaSet(d, rsList);
  const allOld = sorted(rsList, byCreationTimestamp).filter((rs) => rs !== newRS);
  return { requiredOld: allOld.filter((rs) => (rs.spec.replicas ?? 1) !== 0), allOld };
};
var maxRevision = (rss) => rss.reduce((m, rs) => {
  const v = revisionOf(rs);
  return v !== void 0 && v > m ? v : m;
}, 0);
var lastRevision = (rss) => {
  let max = 0;
  let sec = 0;
  for (const rs of rss) {
    const v = revisionOf(rs);
    if (v === void 0) continue;
    if (v >= max) {
      sec = max;
      max = v;
    } else if (v > sec) {
      sec = v;
    }
  }
  return sec;
};
var MAX_NAME = 253;
var replicaSetName = (deploymentName, hash) => {
  const bound = MAX_NAME - hash.length - 1;
  const base = bound > 0 && deploymentName.length > bound ? deploymentName.slice(0, bound) : deploymentName;
  return `${base}-${hash}`;
};
var selectorWithHash = (sel, hash) => ({
  ...sel,
  matchLabels: { ...sel.matchLabels, [podTemplateHashLabel]: hash }
});
var newReplicaSetFor = (d) => {
  const hash = computeHash(d.spec.template, d.status?.collisionCount);
  const labels2 = { ...d.spec.template.metadata?.labels, [podTemplateHashLabel]: hash };
  const template = { ...d.spec.template, metadata: { ...d.spec.template.metadata, labels: labels2 } };
  const namespace = d.metadata.namespace;
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: replicaSetName(d.metadata.name ?? "", hash),
      ...namespace === void 0 ? {} : { namespace },
      ownerReferences: [newControllerRef(d)],
      labels: labels2
    },
    spec: {
      replicas: 0,
      minReadySeconds: d.spec.minReadySeconds ?? 0,
      selector: selectorWithHash(d.spec.selector, hash),
      template
    }
  };
};
var setProgressing = (s, status, reason, message) => setDeployment(s, {
  ...s.d,
  status: setCondition(s.d.status ?? {}, newCondition(progressingType, status, reason, message, s.now))
});
var withRevision = (s, rev) => {
  const r = setDeploymentRevision(s.d, rev);
  return { s: r.changed ? setDeployment(s, r.value) : s, changed: r.changed };
};
var syncExisting = (s, existing, newRevision) => {
  const d = s.d;
  const r = replicasOf(d);
  const { value: copy, changed } = setNewReplicaSetAnnotations(d, existing, newRevision, true, r, r + maxSurge(d));
  const minReady = d.spec.minReadySeconds ?? 0;
  if (changed || (copy.spec.minReadySeconds ?? 0) !== minReady) {
    const updated = { ...copy, spec: { ...copy.spec, minReadySeconds: minReady } };
    return ok(writeReplicaSet(s, updated), updated);
  }
  let { s: next2, changed: write3 } = withRevision(s, copy.metadata.annotations?.[revisionAnnotation] ?? "");
  if (hasProgressDeadline(d) && getCondition(next2.d.status, progressingType) === void 0) {
    next2 = setProgressing(next2, "True", foundNewRSReason, `Found new replica set "${copy.metadata.name ?? ""}"`);
    write3 = true;
  }
  return ok(write3 ? writeStatus(next2) : next2, copy);
};
var createNew = (s, oldRSs, newRevision) => {
  const d = s.d;
  const r = replicasOf(d);
  const base = newReplicaSetFor(d);
  const size = newRSNewReplicas(d, [...oldRSs, base], base);
  if (E4.isLeft(size)) return stop(s);
  const sized = { ...base, spec: { ...base.spec, replicas: size.right } };
  const newRS = setNewReplicaSetAnnotations(d, sized, newRevision, false, r, r + maxSurge(d)).value;
  const name = newRS.metadata.name ?? "";
  const existing = lookup(s.view, "ReplicaSet", d.metadata.namespace, name);
  if (existing !== void 0) {
    if (!isControlledBy(existing, d.metadata.uid) || !equalIgnoreHash(d.spec.template, existing.spec.template)) {
      const collisionCount = (d.status?.collisionCount ?? 0) + 1;
      return stop(writeStatus(setDeployment(s, { ...d, status: { ...d.status, collisionCount } })));
    }
    const { s: next3, changed } = withRevision(s, String(newRevision));
    return ok(changed ? writeStatus(next3) : next3, existing);
  }
  let next2 = createReplicaSet(s, newRS);
  if (size.right > 0) {
    next2 = event2(next2, "Normal", "ScalingReplicaSet", `Scaled up replica set ${name} to ${size.right}`);
  }
  next2 = withRevision(next2, String(newRevision)).s;
  if (hasProgressDeadline(d)) {
    next2 = setProgressing(next2, "True", newReplicaSetReason, `Created new replica set "${name}"`);
  }
  return ok(next2.d === s.d ? next2 : writeStatus(next2), newRS);
};
var getAllReplicaSetsAndSyncRevision = (s, create3) => {
  const { allOld } = findOldReplicaSets(s.d, s.rsList);
  const existing = findNewReplicaSet(s.d, s.rsList);
  const newRevision = maxRevision(allOld) + 1;
  const found = existing !== void 0 ? syncExisting(s, existing, newRevision) : create3 ? createNew(s, allOld, newRevision) : ok(s, void 0);
  return E4.map(([next2, newRS]) => [next2, { newRS, oldRSs: allOld }])(
    found
  );
};
var allOf = (all2) => all2.newRS === void 0 ? all2.oldRSs : [...all2.oldRSs, all2.newRS];

// src/controllers/deployment/recreate.ts
import * as E5 from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";

// src/controllers/deployment/scale.ts
var scaleReplicaSet = (s, rs, n2, op) => {
  const d = s.d;
  const r = replicasOf(d);
  const max = r + maxSurge(d);
  const old = specReplicas(rs);
  const sizeNeedsUpdate = old !== n2;
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, r, max)) return { s, rs, scaled: false };
  const updated = setReplicasAnnotations({ ...rs, spec: { ...rs.spec, replicas: n2 } }, r, max).value;
  let next2 = writeReplicaSet(s, updated);
  if (sizeNeedsUpdate) {
    next2 = event2(
      next2,
      "Normal",
      "ScalingReplicaSet",
      `Scaled ${op} replica set ${rs.metadata.name ?? ""} to ${n2} from ${old}`
    );
  }
  return { s: next2, rs: updated, scaled: sizeNeedsUpdate };
};
var scaleReplicaSetAndRecordEvent = (s, rs, n2) => {
  const old = specReplicas(rs);
  if (old === n2) return { s, rs, scaled: false };
  return scaleReplicaSet(s, rs, n2, old < n2 ? "up" : "down");
};
var isScalingEvent = (d, rss) => filterActive(rss).some((rs) => {
  const desired = desiredReplicas(rs);
  return desired !== void 0 && desired !== replicasOf(d);
});
var findActiveOrLatest = (newRS, oldRSs) => {
  const newestFirst = sorted(oldRSs, (a, b) => byCreationTimestamp(b, a));
  const active = filterActive(newRS === void 0 ? newestFirst : [...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : void 0;
};
var isSaturated = (d, rs) => {
  if (rs === void 0) return false;
  const r = replicasOf(d);
  return specReplicas(rs) === r && desiredReplicas(rs) === r && (rs.status?.availableReplicas ?? 0) === r;
};
var getReplicaSetFraction = (rs, d) => {
  const r = replicasOf(d);
  const size = specReplicas(rs);
  if (r === 0) return -size;
  const target = r + maxSurge(d);
  const annotated = maxReplicas(rs);
  const denom = annotated === void 0 || annotated === 0 ? d.status?.replicas ?? 0 : annotated;
  if (denom === 0) return 0;
  return roundHalfAwayFromZero(size * target / denom) - size;
};
var getProportion = (rs, d, toAdd, added) => {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = getReplicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
};
var proportions = (d, active) => {
  const r = replicasOf(d);
  const allowed = r > 0 ? r + maxSurge(d) : 0;
  const toAdd = allowed - replicaCount(active);
  const ordered = toAdd > 0 ? sorted(active, bySizeNewer) : toAdd < 0 ? sorted(active, bySizeOlder) : active;
  const op = toAdd > 0 ? "up" : toAdd < 0 ? "down" : "";
  let added = 0;
  const sizes = ordered.map((rs) => {
    if (toAdd === 0) return [rs, specReplicas(rs)];
    const p = getProportion(rs, d, toAdd, added);
    added += p;
    return [rs, specReplicas(rs) + p];
  });
  const first = sizes[0];
  if (first !== void 0 && toAdd !== 0) first[1] = Math.max(0, first[1] + (toAdd - added));
  return { op, sizes };
};
var scale = (s, newRS, oldRSs) => {
  const d = s.d;
  const r = replicasOf(d);
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest !== void 0) {
    return specReplicas(activeOrLatest) === r ? s : scaleReplicaSetAndRecordEvent(s, activeOrLatest, r).s;
  }
  const newestFirst = sorted(oldRSs, (a, b) => byCreationTimestamp(b, a));
  if (isSaturated(d, newRS)) {
    return filterActive(newestFirst).reduce((acc, old) => scaleReplicaSetAndRecordEvent(acc, old, 0).s, s);
  }
  if (!isRollingUpdate(d)) return s;
  const active = filterActive(newRS === void 0 ? newestFirst : [...newestFirst, newRS]);
  const { op, sizes } = proportions(d, active);
  return sizes.reduce((acc, [rs, n2]) => scaleReplicaSet(acc, rs, n2, op).s, s);
};

// src/controllers/deployment/recreate.ts
var oldPodsRunning = (newRS, oldRSs, podMap) => {
  if (actualReplicaCount(oldRSs) > 0) return true;
  const newUid = newRS?.metadata.uid;
  for (const [uid, pods2] of podMap) {
    if (newUid !== void 0 && uid === newUid) continue;
    if (pods2.some((p) => p.status?.phase !== "Failed" && p.status?.phase !== "Succeeded")) return true;
  }
  return false;
};
var rolloutRecreate = (s02) => pipe(
  getAllReplicaSetsAndSyncRevision(s02, false),
  E5.chain(([s, all2]) => {
    const allRSs = allOf(all2);
    let acc = s;
    let scaledDown = false;
    for (const rs of filterActive(all2.oldRSs)) {
      const r = scaleReplicaSetAndRecordEvent(acc, rs, 0);
      acc = r.s;
      scaledDown = scaledDown || r.scaled;
    }
    if (scaledDown || oldPodsRunning(all2.newRS, all2.oldRSs, acc.podMap)) {
      return E5.left(syncRolloutStatus(acc, allRSs, all2.newRS));
    }
    return all2.newRS === void 0 ? getAllReplicaSetsAndSyncRevision(acc, true) : E5.right([acc, all2]);
  }),
  E5.map(([s, all2]) => {
    const allRSs = allOf(all2);
    const up = all2.newRS === void 0 ? s : scaleReplicaSetAndRecordEvent(s, all2.newRS, replicasOf(s.d)).s;
    const cleaned = deploymentComplete(up.d, up.d.status) ? cleanupDeployment(up, all2.oldRSs) : up;
    return syncRolloutStatus(cleaned, allRSs, all2.newRS);
  }),
  E5.getOrElse((done2) => done2)
);

// src/controllers/deployment/rollback.ts
import * as E6 from "fp-ts/lib/Either.js";
import { pipe as pipe2 } from "fp-ts/lib/function.js";
var rollbackDoneReason = "DeploymentRollback";
var rollbackRevisionNotFoundReason = "DeploymentRollbackRevisionNotFound";
var rollbackTemplateUnchangedReason = "DeploymentRollbackTemplateUnchanged";
var withoutRollbackRequest = (d) => {
  const { [rollbackToAnnotation]: _drop, ...annotations2 } = d.metadata.annotations ?? {};
  return { ...d, metadata: { ...d.metadata, annotations: annotations2 } };
};
var clearAndUpdate = (s) => writeDeployment(setDeployment(s, withoutRollbackRequest(s.d)));
var rolledBackTo = (d, rs) => {
  const template = rs.spec.template === void 0 ? d.spec.template : withoutHashLabel(rs.spec.template);
  return {
    ...d,
    metadata: { ...d.metadata, annotations: rollbackAnnotations(d, rs) },
    spec: { ...d.spec, template }
  };
};
var rollback = (s02, requested) => pipe2(
  getAllReplicaSetsAndSyncRevision(s02, true),
  E6.map(([s, all2]) => {
    const allRSs = allOf(all2);
    const target = requested === 0 ? lastRevision(allRSs) : requested;
    if (target === 0) {
      return clearAndUpdate(event2(s, "Warning", rollbackRevisionNotFoundReason, "Unable to find last revision."));
    }
    const rs = allRSs.find((x) => revisionOf(x) === target);
    if (rs === void 0) {
      return clearAndUpdate(
        event2(s, "Warning", rollbackRevisionNotFoundReason, "Unable to find the revision to rollback to.")
      );
    }
    const name = s.d.metadata.name ?? "";
    if (equalIgnoreHash(s.d.spec.template, rs.spec.template)) {
      return clearAndUpdate(
        event2(
          s,
          "Warning",
          rollbackTemplateUnchangedReason,
          `The rollback revision contains the same template as current deployment "${name}"`
        )
      );
    }
    const updated = clearAndUpdate(setDeployment(s, rolledBackTo(s.d, rs)));
    return event2(updated, "Normal", rollbackDoneReason, `Rolled back deployment "${name}" to revision ${target}`);
  }),
  E6.getOrElse((stopped) => stopped)
);

// src/controllers/deployment/rolling.ts
import * as E7 from "fp-ts/lib/Either.js";
import { pipe as pipe3 } from "fp-ts/lib/function.js";
var reconcileNewReplicaSet = (s, allRSs, newRS) => {
  const r = replicasOf(s.d);
  const size = specReplicas(newRS);
  if (size === r) return ok(s, false);
  if (size > r) {
    const { s: next3, scaled: scaled2 } = scaleReplicaSetAndRecordEvent(s, newRS, r);
    return ok(next3, scaled2);
  }
  const target = newRSNewReplicas(s.d, allRSs, newRS);
  if (E7.isLeft(target)) return stop(s);
  const { s: next2, scaled } = scaleReplicaSetAndRecordEvent(s, newRS, target.right);
  return ok(next2, scaled);
};
var cleanupUnhealthyReplicas = (s, oldRSs, maxCleanup) => {
  let acc = s;
  let total = 0;
  const out = sorted(oldRSs, byCreationTimestamp).slice();
  for (let i = 0; i < out.length; i++) {
    const rs = out[i];
    if (rs === void 0 || total >= maxCleanup) break;
    const size = specReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (size === 0 || size === available) continue;
    const k = Math.min(maxCleanup - total, size - available);
    if (k < 0) return { s: acc, oldRSs: out, count: total, failed: true };
    const scaled = scaleReplicaSetAndRecordEvent(acc, rs, size - k);
    acc = scaled.s;
    out[i] = scaled.rs;
    total += k;
  }
  return { s: acc, oldRSs: out, count: total, failed: false };
};
var scaleDownOldReplicaSetsForRollingUpdate = (s, allRSs, oldRSs) => {
  const minAvailable = replicasOf(s.d) - maxUnavailable(s.d);
  const available = availableReplicaCount(allRSs);
  if (available <= minAvailable) return { s, oldRSs, count: 0, failed: false };
  const budget = available - minAvailable;
  let acc = s;
  let total = 0;
  for (const rs of sorted(oldRSs, byCreationTimestamp)) {
    if (total >= budget) break;
    const size = specReplicas(rs);
    if (size === 0) continue;
    const k = Math.min(size, budget - total);
    acc = scaleReplicaSetAndRecordEvent(acc, rs, size - k).s;
    total += k;
  }
  return { s: acc, oldRSs, count: total, failed: false };
};
var reconcileOldReplicaSets = (s, allRSs, oldActive, newRS) => {
  if (replicaCount(oldActive) === 0) return [s, false];
  const minAvailable = replicasOf(s.d) - maxUnavailable(s.d);
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = replicaCount(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return [s, false];
  const cleaned = cleanupUnhealthyReplicas(s, oldActive, maxScaledDown);
  if (cleaned.failed) return [cleaned.s, false];
  const scaled = scaleDownOldReplicaSetsForRollingUpdate(cleaned.s, [...cleaned.oldRSs, newRS], cleaned.oldRSs);
  return [scaled.s, cleaned.count + scaled.count > 0];
};
var rolloutRolling = (s02) => pipe3(
  getAllReplicaSetsAndSyncRevision(s02, true),
  E7.map(([s, all2]) => {
    const newRS = all2.newRS;
    if (newRS === void 0) return s;
    const allRSs = allOf(all2);
    const up = reconcileNewReplicaSet(s, allRSs, newRS);
    if (E7.isLeft(up)) return up.left;
    const [afterUp, scaledUp] = up.right;
    if (scaledUp) return syncRolloutStatus(afterUp, allRSs, newRS);
    const [afterDown, scaledDown] = reconcileOldReplicaSets(afterUp, allRSs, filterActive(all2.oldRSs), newRS);
    if (scaledDown) return syncRolloutStatus(afterDown, allRSs, newRS);
    const cleaned = deploymentComplete(afterDown.d, afterDown.d.status) ? cleanupDeployment(afterDown, all2.oldRSs) : afterDown;
    return syncRolloutStatus(cleaned, allRSs, newRS);
  }),
  E7.getOrElse((stopped) => stopped)
);

// src/controllers/deployment/reconcile.ts
var claimReplicaSets = (d, view) => {
  const ns = d.metadata.namespace ?? "";
  const uid = d.metadata.uid;
  const matches = fromLabelSelector(d.spec.selector);
  const owned = uid === void 0 ? [] : controlledOf(view, uid, "ReplicaSet").filter((rs) => (rs.metadata.namespace ?? "") === ns);
  const candidates = sorted([...owned, ...orphans(view, "ReplicaSet", ns)], byCreationTimestamp);
  const { claimed, actions } = claim(d, matches, candidates);
  const podMap = /* @__PURE__ */ new Map();
  for (const rs of claimed) {
    const rsUid = rs.metadata.uid;
    if (rsUid === void 0) continue;
    podMap.set(
      rsUid,
      controlledOf(view, rsUid, "Pod").filter(
        (p) => (p.metadata.namespace ?? "") === ns && matches(p.metadata.labels)
      )
    );
  }
  return { rsList: claimed, actions, podMap };
};
var checkPausedConditions = (s) => {
  const d = s.d;
  if (!hasProgressDeadline(d)) return s;
  const cond = getCondition(d.status, progressingType);
  if (cond?.reason === timedOutReason) return s;
  const pausedExists = cond?.reason === pausedReason;
  const paused = d.spec.paused === true;
  if (paused === pausedExists) return s;
  const c = paused ? newCondition(progressingType, "Unknown", pausedReason, "Deployment is paused", s.now) : newCondition(progressingType, "Unknown", resumedReason, "Deployment is resumed", s.now);
  return writeStatus(setDeployment(s, { ...d, status: setCondition(d.status ?? {}, c) }));
};
var done = (step2) => E8.getOrElse((x) => x)(step2);
var syncStatusOnly = (s02) => done(
  pipe4(
    getAllReplicaSetsAndSyncRevision(s02, false),
    E8.map(([s, all2]) => syncDeploymentStatus(s, allOf(all2), all2.newRS))
  )
);
var syncScale = (s02) => done(
  pipe4(
    getAllReplicaSetsAndSyncRevision(s02, false),
    E8.map(([s, all2]) => {
      const scaled = scale(s, all2.newRS, all2.oldRSs);
      const cleaned = scaled.d.spec.paused === true && rollbackTo(scaled.d) === void 0 ? cleanupDeployment(scaled, all2.oldRSs) : scaled;
      return syncDeploymentStatus(cleaned, allOf(all2), all2.newRS);
    })
  )
);
var selectingAll = (d) => {
  const warn = event(
    of(d),
    "Warning",
    "SelectingAll",
    "This deployment is selecting all pods. A non-empty selector is required."
  );
  const generation = d.metadata.generation ?? 0;
  if ((d.status?.observedGeneration ?? 0) >= generation) return [warn];
  return [warn, updateStatus({ ...d, status: { ...d.status, observedGeneration: generation } })];
};
var reconcile3 = (d, view, now) => {
  if (isEmpty2(d.spec.selector)) return selectingAll(d);
  const claimed = claimReplicaSets(d, view);
  const s02 = start(view, now, d, claimed.rsList, claimed.podMap, claimed.actions);
  if (d.metadata.deletionTimestamp !== void 0) return syncStatusOnly(s02).actions;
  const s12 = checkPausedConditions(s02);
  if (d.spec.paused === true) return syncScale(s12).actions;
  const rb = rollbackTo(d);
  if (rb !== void 0) return rollback(s12, rb).actions;
  const scaling = getAllReplicaSetsAndSyncRevision(s12, false);
  if (E8.isLeft(scaling)) return scaling.left.actions;
  const [s22, all2] = scaling.right;
  if (isScalingEvent(s22.d, allOf(all2))) return syncScale(s22).actions;
  switch (strategyType(d)) {
    case "Recreate":
      return rolloutRecreate(s22).actions;
    case "RollingUpdate":
      return rolloutRolling(s22).actions;
    default:
      return s22.actions;
  }
};

// src/controllers/registry.ts
var controllers = {
  ReplicaSet: reconcile,
  ReplicationController: replicationController_exports.reconcile,
  Deployment: reconcile3
};

// src/api/sanitize.ts
import * as E9 from "fp-ts/lib/Either.js";

// src/api/DecodeError.ts
var format2 = (issues, source) => issues.map((i) => `${source === void 0 ? "" : `${source}: `}${i.path === "" ? "<root>" : i.path}: ${i.message}`).join("\n");
var make = (issues, source) => source === void 0 ? { _tag: "DecodeError", issues, message: format2(issues) } : { _tag: "DecodeError", source, issues, message: format2(issues, source) };
var single = (path, message) => make([{ path, message }]);

// src/api/sanitize.ts
var defaultLimits = {
  maxDepth: 64,
  maxStringBytes: 1024 * 1024,
  maxValues: 1e6
};
var MAX_ISSUES = 100;
var MAX_DEPTH_CAP = 1e3;
var FORBIDDEN_KEYS = /* @__PURE__ */ new Set(["__proto__", "constructor", "prototype"]);
var IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
var fieldPath = (parent, name) => IDENTIFIER.test(name) ? parent === "" ? name : `${parent}.${name}` : `${parent}[${name}]`;
var keyPath = (parent, key2) => `${parent}[${key2}]`;
var indexPath = (parent, index) => `${parent}[${index}]`;
var renderPath = (segments) => segments.reduce((p, s) => typeof s === "number" ? indexPath(p, s) : fieldPath(p, s), "");
var utf8Length = (s) => {
  let n2 = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) n2 += 1;
    else if (c < 2048) n2 += 2;
    else if (c >= 55296 && c <= 56319 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 56320 && d <= 57343) {
        n2 += 4;
        i++;
      } else n2 += 3;
    } else n2 += 3;
  }
  return n2;
};
var FIRST_MS = -621672192e5;
var LAST_MS = 253402300799999;
var formatTime = (ms) => new Date(Math.floor(ms / 1e3) * 1e3).toISOString().replace(".000Z", "Z");
var isDate = (v) => Object.prototype.toString.call(v) === "[object Date]";
var describeValue = (v) => v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
var unsupportedObject = (o) => {
  const proto = Object.getPrototypeOf(o);
  if (proto === null || proto === Object.prototype) return void 0;
  if (typeof proto === "object" && Object.getPrototypeOf(proto) === Object.prototype && Reflect.ownKeys(proto).every((k) => k === "constructor"))
    return void 0;
  const ctor = typeof proto === "object" ? Object.getOwnPropertyDescriptor(proto, "constructor")?.value : void 0;
  const name = typeof ctor === "function" && ctor.name !== "" ? ctor.name : "class";
  return `unsupported value (a ${name} instance); expected JSON data: objects, arrays, strings, numbers, booleans, null or Date`;
};
var defineOwn = (o, key2, value) => {
  if (key2 === "__proto__") Object.defineProperty(o, key2, { value, writable: true, enumerable: true, configurable: true });
  else o[key2] = value;
};
var sanitize = (input, options = {}) => {
  const maxDepth = Math.min(options.maxDepth ?? defaultLimits.maxDepth, MAX_DEPTH_CAP);
  const maxStringBytes = options.maxStringBytes ?? defaultLimits.maxStringBytes;
  const maxValues = options.maxValues ?? defaultLimits.maxValues;
  const dropNulls = options.dropNullFields ?? false;
  const issues = [];
  const segments = [];
  const ancestors = /* @__PURE__ */ new Set();
  let values2 = 0;
  let stopped = false;
  const fail = (message) => {
    if (issues.length < MAX_ISSUES) issues.push({ path: renderPath(segments), message });
    else stopped = true;
    return void 0;
  };
  const stringValue = (s) => (
    // Each UTF-16 unit is at most 3 UTF-8 bytes, so only long strings need counting.
    s.length * 3 > maxStringBytes && utf8Length(s) > maxStringBytes ? fail(
      `string of ${utf8Length(s)} bytes is larger than the API server accepts (at most ${maxStringBytes} bytes)`
    ) : s
  );
  const dateValue = (d) => {
    const ms = Date.prototype.getTime.call(d);
    if (Number.isNaN(ms)) return fail("invalid Date");
    if (ms < FIRST_MS || ms > LAST_MS) return fail("Date outside the years 0000-9999 that RFC 3339 can express");
    return formatTime(ms);
  };
  const arrayValue = (a, depth) => {
    const out = [];
    let ok2 = true;
    for (let i = 0; i < a.length && !stopped; i++) {
      segments.push(i);
      const item = a[i];
      const v = item === void 0 ? fail("undefined is not a JSON value") : visit(item, depth + 1);
      segments.pop();
      if (v === void 0) ok2 = false;
      else out.push(v);
    }
    return ok2 ? out : void 0;
  };
  const objectValue = (o, depth) => {
    const why = unsupportedObject(o);
    if (why !== void 0) return fail(why);
    const out = {};
    let ok2 = true;
    for (const key2 of Object.keys(o)) {
      if (stopped) break;
      segments.push(key2);
      if (FORBIDDEN_KEYS.has(key2)) {
        ok2 = false;
        fail(`forbidden key "${key2}" (it could pollute object prototypes)`);
      } else {
        const d = Object.getOwnPropertyDescriptor(o, key2);
        if (d !== void 0 && !("value" in d)) {
          ok2 = false;
          fail("accessor property (getter or setter); expected a data property");
        } else {
          const raw = d?.value;
          if (raw !== void 0 && !(raw === null && dropNulls)) {
            const v = visit(raw, depth + 1);
            if (v === void 0) ok2 = false;
            else defineOwn(out, key2, v);
          }
        }
      }
      segments.pop();
    }
    return ok2 ? out : void 0;
  };
  const visit = (v, depth) => {
    if (++values2 > maxValues) {
      stopped = true;
      issues.push({ path: renderPath(segments), message: `more than ${maxValues} values; too large for one object` });
      return void 0;
    }
    switch (typeof v) {
      case "string":
        return stringValue(v);
      case "number":
        return Number.isFinite(v) ? v === 0 ? 0 : v : fail(`${String(v)} is not a JSON number`);
      case "boolean":
        return v;
      case "undefined":
        return fail("undefined is not a JSON value");
      case "bigint":
        return fail("bigint is not a JSON value; use a number");
      case "symbol":
      case "function":
        return fail(`${typeof v} is not a JSON value`);
      case "object": {
        if (v === null) return null;
        if (isDate(v)) return dateValue(v);
        if (depth >= maxDepth) return fail(`nested deeper than ${maxDepth} levels`);
        if (ancestors.has(v)) return fail("circular reference");
        ancestors.add(v);
        const out = Array.isArray(v) ? arrayValue(v, depth) : objectValue(v, depth);
        ancestors.delete(v);
        return out;
      }
    }
  };
  let result;
  try {
    result = visit(input, 0);
  } catch (e) {
    issues.push({ path: renderPath(segments), message: `could not be read: ${e instanceof Error ? e.message : describeValue(e)}` });
  }
  return issues.length > 0 || result === void 0 ? E9.left(make(issues.length > 0 ? issues : [{ path: "", message: "could not be read" }])) : E9.right(result);
};

// src/api/validate.ts
var none2 = [];
var issue = (path, message) => [{ path, message }];
var all = (...groups) => groups.flat();
var each = (path, as, f) => as === void 0 ? none2 : as.flatMap((a, i) => f(indexPath(path, i), a, i));
var entries = (m) => m === void 0 ? [] : Object.entries(m);
var show2 = (v) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};
var MAX_INT324 = 2147483647;
var integer = (path, v, min, max) => v === void 0 ? none2 : !Number.isInteger(v) ? issue(path, `must be an integer, got ${v}`) : v < min ? issue(path, `must be greater than or equal to ${min}`) : v > max ? issue(path, `must be less than or equal to ${max}`) : none2;
var int32 = (path, v, min = 0) => integer(path, v, min, MAX_INT324);
var int642 = (path, v, min = 0) => integer(path, v, min, Number.MAX_SAFE_INTEGER);
var quoteAll = (vs) => vs.map((v) => `"${v}"`).join(", ");
var oneOf = (path, v, allowed) => v === void 0 || allowed.includes(v) ? none2 : issue(path, `unsupported value ${show2(v)}: supported values: ${quoteAll(allowed)}`);
var RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;
var isRfc3339 = (s) => {
  const m = RFC3339.exec(s);
  if (m === null) return false;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number);
  const days = new Date(Date.UTC(2e3, mo, 0)).getUTCDate();
  const leapOk = !(mo === 2 && d === 29) || y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const offOk = m[9] === void 0 || Number(m[9]) <= 23 && Number(m[10]) <= 59;
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days && leapOk && h <= 23 && mi <= 59 && se <= 59 && offOk;
};
var time = (path, v) => v === void 0 || isRfc3339(v) ? none2 : issue(path, `must be an RFC 3339 timestamp such as 2024-01-01T00:00:00Z, got ${show2(v)}`);
var DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
var DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
var QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
var LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
var SUBDOMAIN_RULE = "must be a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";
var LABEL_RULE = "must be a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit";
var isSubdomain = (s) => s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
var isDnsLabel = (s) => s.length <= 63 && DNS1123_LABEL.test(s);
var qualifiedNameProblem = (key2) => {
  const parts = key2.split("/");
  const name = parts.length === 2 ? parts[1] ?? "" : parts[0] ?? "";
  if (parts.length > 2) return 'may contain at most one "/"';
  if (parts.length === 2 && !isSubdomain(parts[0] ?? "")) return `its prefix ${SUBDOMAIN_RULE}`;
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name))
    return "its name must be at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
  return void 0;
};
var subdomainName = (path, name) => isSubdomain(name) ? none2 : issue(path, `${SUBDOMAIN_RULE}, got ${show2(name)}`);
var maxLength = (n2, why) => (path, name) => name.length > n2 ? issue(path, `must be no more than ${n2} characters (${why})`) : none2;
var labelName = (path, name) => isDnsLabel(name) ? none2 : issue(path, `${LABEL_RULE}, got ${show2(name)}`);
var jobName = (path, name) => all(subdomainName(path, name), maxLength(63, "the name is also a label value on its pods")(path, name));
var cronJobName = (path, name) => all(subdomainName(path, name), maxLength(52, "its Jobs are named <name>-<minutes> within 63 characters")(path, name));
var labels = (path, m) => entries(m).flatMap(([k, v]) => {
  const keyProblem = qualifiedNameProblem(k);
  return all(
    keyProblem === void 0 ? none2 : issue(keyPath(path, k), `invalid label key: ${keyProblem}`),
    v.length <= 63 && LABEL_VALUE.test(v) ? none2 : issue(
      keyPath(path, k),
      `invalid label value ${show2(v)}: must be empty or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit`
    )
  );
});
var MAX_ANNOTATIONS_BYTES = 256 * 1024;
var annotations = (path, m) => {
  const keys = entries(m).flatMap(([k]) => {
    const problem = qualifiedNameProblem(k.toLowerCase());
    return problem === void 0 ? none2 : issue(keyPath(path, k), `invalid annotation key: ${problem}`);
  });
  const size = entries(m).reduce((n2, [k, v]) => n2 + utf8Length(k) + utf8Length(v), 0);
  return all(
    keys,
    size > MAX_ANNOTATIONS_BYTES ? issue(path, `must have at most ${MAX_ANNOTATIONS_BYTES} bytes in total, got ${size}`) : none2
  );
};
var ownerReferences = (path, m) => {
  const refs = m.ownerReferences ?? [];
  const controllers2 = refs.filter((r) => r.controller === true).length;
  return all(
    each(
      path,
      refs,
      (p, r) => ["apiVersion", "kind", "name", "uid"].flatMap((f) => r[f] === "" ? issue(`${p}.${f}`, "required") : none2)
    ),
    controllers2 > 1 ? issue(path, `only one reference can have controller set to true, found ${controllers2}`) : none2
  );
};
var objectMeta = (m, rules2) => {
  const name = m.name ?? "";
  const generateName = m.generateName ?? "";
  return all(
    name === "" && generateName === "" ? issue("metadata.name", "required (or set metadata.generateName)") : name !== "" ? rules2.name("metadata.name", name) : (
      // A prefix: upstream ignores one trailing '-' before checking it as a name.
      rules2.name("metadata.generateName", generateName.replace(/-$/, ""))
    ),
    rules2.namespaced ? m.namespace === void 0 || isDnsLabel(m.namespace) ? none2 : issue("metadata.namespace", `${LABEL_RULE}, got ${show2(m.namespace)}`) : m.namespace === void 0 || m.namespace === "" ? none2 : issue("metadata.namespace", "not allowed on a cluster-scoped kind"),
    labels("metadata.labels", m.labels),
    annotations("metadata.annotations", m.annotations),
    int642("metadata.generation", m.generation),
    int642("metadata.deletionGracePeriodSeconds", m.deletionGracePeriodSeconds),
    time("metadata.creationTimestamp", m.creationTimestamp),
    time("metadata.deletionTimestamp", m.deletionTimestamp),
    ownerReferences("metadata.ownerReferences", m)
  );
};
var conditions = (path, cs) => each(
  path,
  cs,
  (p, c) => all(
    time(`${p}.lastTransitionTime`, c.lastTransitionTime),
    time(`${p}.lastUpdateTime`, c.lastUpdateTime),
    time(`${p}.lastProbeTime`, c.lastProbeTime),
    time(`${p}.lastHeartbeatTime`, c.lastHeartbeatTime)
  )
);
var counts = (path, status, keys) => status === void 0 ? none2 : keys.flatMap((k) => {
  const v = status[k];
  return typeof v === "number" ? (k === "observedGeneration" ? int642 : int32)(`${path}.${k}`, v) : none2;
});
var notAbove = (status, field, limit) => {
  const v = status?.[field];
  const max = status?.[limit];
  return typeof v === "number" && v > (typeof max === "number" ? max : 0) ? issue(`status.${field}`, `cannot be greater than status.${limit}`) : none2;
};
var replicaCounts = (status, keys, withinReplicas) => all(
  counts("status", status, keys),
  withinReplicas.flatMap((k) => notAbove(status, k, "replicas")),
  notAbove(status, "availableReplicas", "readyReplicas")
);
var SELECTOR_OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist"];
var selectorMatches = (selector, labelSet) => entries(selector.matchLabels).every(([k, v]) => Object.hasOwn(labelSet, k) && labelSet[k] === v) && (selector.matchExpressions ?? []).every((r) => {
  const has2 = Object.hasOwn(labelSet, r.key);
  const value = labelSet[r.key] ?? "";
  const values2 = r.values ?? [];
  switch (r.operator) {
    case "In":
      return has2 && values2.includes(value);
    case "NotIn":
      return !has2 || !values2.includes(value);
    case "Exists":
      return has2;
    case "DoesNotExist":
      return !has2;
    default:
      return false;
  }
});
var isEmptySelector = (s) => entries(s.matchLabels).length === 0 && (s.matchExpressions ?? []).length === 0;
var labelSelector = (path, s) => all(
  labels(`${path}.matchLabels`, s.matchLabels),
  each(`${path}.matchExpressions`, s.matchExpressions, (p, r) => {
    const keyProblem = qualifiedNameProblem(r.key);
    const values2 = r.values ?? [];
    return all(
      keyProblem === void 0 ? none2 : issue(`${p}.key`, `invalid label key: ${keyProblem}`),
      oneOf(`${p}.operator`, r.operator, SELECTOR_OPERATORS),
      (r.operator === "In" || r.operator === "NotIn") && values2.length === 0 ? issue(`${p}.values`, "must be specified when operator is In or NotIn") : none2,
      (r.operator === "Exists" || r.operator === "DoesNotExist") && values2.length > 0 ? issue(`${p}.values`, "may not be specified when operator is Exists or DoesNotExist") : none2
    );
  })
);
var selectorAndTemplate = (spec, selector, template, required) => {
  if (selector === void 0) return required ? issue(`${spec}.selector`, "required") : none2;
  const syntax = labelSelector(`${spec}.selector`, selector);
  if (syntax.length > 0) return syntax;
  if (isEmptySelector(selector))
    return required ? issue(`${spec}.selector`, "empty selector is invalid (it would select every pod in the namespace)") : none2;
  return template !== void 0 && !selectorMatches(selector, template.metadata?.labels ?? {}) ? issue(`${spec}.template.metadata.labels`, "`selector` does not match template `labels`") : none2;
};
var PERCENT = /^[0-9]+%$/;
var intOrPercent = (path, v) => v === void 0 ? none2 : typeof v === "number" ? int32(path, v) : PERCENT.test(v) ? none2 : issue(path, `must be a non-negative integer or a percentage such as '25%' (regex '[0-9]+%'), got ${show2(v)}`);
var scaledValue2 = (v) => v === void 0 ? 0 : typeof v === "number" ? v : Number.parseInt(v, 10);
var atMost100Percent = (path, v) => typeof v === "string" && PERCENT.test(v) && Number.parseInt(v, 10) > 100 ? issue(path, "must not be greater than 100%") : none2;
var surgeAndUnavailable = (path, maxSurge2, maxUnavailable2) => all(
  intOrPercent(`${path}.maxSurge`, maxSurge2),
  intOrPercent(`${path}.maxUnavailable`, maxUnavailable2),
  atMost100Percent(`${path}.maxUnavailable`, maxUnavailable2),
  maxSurge2 !== void 0 && maxUnavailable2 !== void 0 && scaledValue2(maxSurge2) === 0 && scaledValue2(maxUnavailable2) === 0 ? issue(`${path}.maxUnavailable`, "may not be 0 when maxSurge is 0") : none2
);
var daemonSetRolling = (path, maxSurge2, maxUnavailable2) => {
  const surge = scaledValue2(maxSurge2) !== 0;
  const unavailable = scaledValue2(maxUnavailable2) !== 0;
  return all(
    intOrPercent(`${path}.maxSurge`, maxSurge2),
    intOrPercent(`${path}.maxUnavailable`, maxUnavailable2),
    atMost100Percent(`${path}.maxSurge`, maxSurge2),
    atMost100Percent(`${path}.maxUnavailable`, maxUnavailable2),
    surge && unavailable ? issue(`${path}.maxSurge`, "may not be set when maxUnavailable is non-zero") : none2,
    !surge && !unavailable ? issue(`${path}.maxUnavailable`, "cannot be 0 when maxSurge is 0") : none2
  );
};
var strategyType2 = (path, type5, rollingUpdate, allowed) => all(
  oneOf(`${path}.type`, type5, allowed),
  rollingUpdate !== void 0 && type5 !== void 0 && type5 !== "RollingUpdate" ? issue(`${path}.rollingUpdate`, `may not be specified when strategy type is ${show2(type5)}`) : none2
);
var PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
var TERMINATION_MESSAGE_POLICIES = ["File", "FallbackToLogsOnError"];
var RESTART_POLICIES = ["Always", "OnFailure", "Never"];
var DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
var TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
var NODE_SELECTOR_OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"];
var container2 = (p, c) => all(
  c.name === "" ? issue(`${p}.name`, "required") : isDnsLabel(c.name) ? none2 : issue(`${p}.name`, `${LABEL_RULE}, got ${show2(c.name)}`),
  c.image === void 0 || c.image === "" ? issue(`${p}.image`, "required") : c.image.trim() !== c.image ? issue(`${p}.image`, "must not have leading or trailing whitespace") : none2,
  oneOf(`${p}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES),
  oneOf(`${p}.terminationMessagePolicy`, c.terminationMessagePolicy, TERMINATION_MESSAGE_POLICIES)
);
var containerNames = (path, spec) => {
  const named = [
    ...(spec.initContainers ?? []).map((c, i) => [indexPath(`${path}.initContainers`, i), c.name]),
    ...spec.containers.map((c, i) => [indexPath(`${path}.containers`, i), c.name])
  ];
  const seen = /* @__PURE__ */ new Set();
  return named.flatMap(([p, name]) => {
    if (name === "") return none2;
    const dup = seen.has(name);
    seen.add(name);
    return dup ? issue(`${p}.name`, `duplicate value ${show2(name)}`) : none2;
  });
};
var tolerations = (path, spec) => each(
  path,
  spec.tolerations,
  (p, t6) => all(
    oneOf(`${p}.operator`, t6.operator === "" ? void 0 : t6.operator, ["Exists", "Equal"]),
    oneOf(`${p}.effect`, t6.effect === "" ? void 0 : t6.effect, TAINT_EFFECTS),
    (t6.key ?? "") === "" && t6.operator !== "Exists" ? issue(`${p}.operator`, "must be Exists when key is empty") : none2,
    t6.operator === "Exists" && (t6.value ?? "") !== "" ? issue(`${p}.value`, "must be empty when operator is Exists") : none2,
    t6.tolerationSeconds !== void 0 && t6.effect !== "NoExecute" ? issue(`${p}.effect`, "must be NoExecute when tolerationSeconds is set") : none2
  )
);
var nodeAffinity = (path, spec) => {
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const termsPath = `${path}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
  if (required === void 0) return none2;
  if (required.nodeSelectorTerms.length === 0) return issue(termsPath, "must have at least one node selector term");
  return each(
    termsPath,
    required.nodeSelectorTerms,
    (tp, term) => ["matchExpressions", "matchFields"].flatMap(
      (f) => each(`${tp}.${f}`, term[f], (p, r) => {
        const n2 = (r.values ?? []).length;
        return all(
          oneOf(`${p}.operator`, r.operator, NODE_SELECTOR_OPERATORS),
          (r.operator === "In" || r.operator === "NotIn") && n2 === 0 ? issue(`${p}.values`, "must be specified when operator is In or NotIn") : none2,
          (r.operator === "Exists" || r.operator === "DoesNotExist") && n2 > 0 ? issue(`${p}.values`, "may not be specified when operator is Exists or DoesNotExist") : none2,
          (r.operator === "Gt" || r.operator === "Lt") && (n2 !== 1 || !/^-?[0-9]+$/.test(r.values?.[0] ?? "")) ? issue(`${p}.values`, "must be a single integer when operator is Gt or Lt") : none2
        );
      })
    )
  );
};
var restartPolicy = (path, v, allowed) => v === void 0 || allowed.includes(v) ? none2 : issue(
  path,
  `unsupported value ${show2(v)}${v === "Always" ? " (the default when unset)" : ""}: supported values: ${quoteAll(allowed)}`
);
var podSpec2 = (path, spec, restartPolicies) => all(
  spec.containers.length === 0 ? issue(`${path}.containers`, "required: a pod needs at least one container") : none2,
  each(`${path}.initContainers`, spec.initContainers, container2),
  each(`${path}.containers`, spec.containers, container2),
  containerNames(path, spec),
  restartPolicy(`${path}.restartPolicy`, spec.restartPolicy, restartPolicies),
  oneOf(`${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES),
  int642(`${path}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds),
  int642(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 1),
  labels(`${path}.nodeSelector`, spec.nodeSelector),
  tolerations(`${path}.tolerations`, spec),
  nodeAffinity(path, spec)
);
var podTemplate2 = (path, t6, restartPolicies) => all(
  labels(`${path}.metadata.labels`, t6.metadata?.labels),
  annotations(`${path}.metadata.annotations`, t6.metadata?.annotations),
  podSpec2(`${path}.spec`, t6.spec, restartPolicies)
);
var ALWAYS = ["Always"];
var RUN_TO_COMPLETION = ["OnFailure", "Never"];
var serviceTemplate = (path, t6, kind) => all(
  podTemplate2(path, t6, ALWAYS),
  t6.spec.activeDeadlineSeconds === void 0 ? none2 : issue(`${path}.spec.activeDeadlineSeconds`, `not supported in a ${kind} template`)
);
var namespacedMeta = { namespaced: true, name: subdomainName };
var clusterMeta = { namespaced: false, name: subdomainName };
var pod2 = (o) => all(
  objectMeta(o.metadata, namespacedMeta),
  podSpec2("spec", o.spec, RESTART_POLICIES),
  conditions("status.conditions", o.status?.conditions),
  time("status.startTime", o.status?.startTime),
  ["containerStatuses", "initContainerStatuses"].flatMap(
    (f) => each(`status.${f}`, o.status?.[f], (p, s) => int32(`${p}.restartCount`, s.restartCount))
  )
);
var node2 = (o) => all(
  objectMeta(o.metadata, clusterMeta),
  each("spec.taints", o.spec?.taints, (p, t6) => {
    const keyProblem = qualifiedNameProblem(t6.key);
    return all(
      keyProblem === void 0 ? none2 : issue(`${p}.key`, `invalid taint key: ${keyProblem}`),
      t6.effect === "" ? issue(`${p}.effect`, "required") : oneOf(`${p}.effect`, t6.effect, TAINT_EFFECTS),
      time(`${p}.timeAdded`, t6.timeAdded)
    );
  }),
  conditions("status.conditions", o.status?.conditions)
);
var persistentVolumeClaim2 = (o) => objectMeta(o.metadata, namespacedMeta);
var controllerRevision2 = (o) => all(
  objectMeta(o.metadata, namespacedMeta),
  o.data === void 0 ? issue("data", "required") : none2,
  int642("revision", o.revision)
);
var RS_STATUS = ["replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas", "terminatingReplicas", "observedGeneration"];
var rsStatus = (status) => all(
  replicaCounts(status, RS_STATUS, ["fullyLabeledReplicas", "readyReplicas", "availableReplicas"]),
  conditions("status.conditions", status?.conditions)
);
var replicaSet2 = (o) => all(
  objectMeta(o.metadata, namespacedMeta),
  int32("spec.replicas", o.spec.replicas),
  int32("spec.minReadySeconds", o.spec.minReadySeconds),
  selectorAndTemplate("spec", o.spec.selector, o.spec.template, true),
  o.spec.template === void 0 ? issue("spec.template", "required") : serviceTemplate("spec.template", o.spec.template, "ReplicaSet"),
  rsStatus(o.status)
);
var replicationController2 = (o) => {
  const selector = o.spec.selector ?? {};
  const templateLabels = o.spec.template?.metadata?.labels ?? {};
  return all(
    objectMeta(o.metadata, namespacedMeta),
    int32("spec.replicas", o.spec.replicas),
    int32("spec.minReadySeconds", o.spec.minReadySeconds),
    entries(selector).length === 0 ? issue("spec.selector", "required (it defaults to the template labels when those are set)") : labels("spec.selector", selector),
    o.spec.template === void 0 ? issue("spec.template", "required") : serviceTemplate("spec.template", o.spec.template, "ReplicationController"),
    o.spec.template !== void 0 && entries(selector).length > 0 && !selectorMatches({ matchLabels: selector }, templateLabels) ? issue("spec.template.metadata.labels", "`selector` does not match template `labels`") : none2,
    rsStatus(o.status)
  );
};
var deployment2 = (o) => {
  const s = o.spec;
  const strategy = s.strategy;
  return all(
    objectMeta(o.metadata, namespacedMeta),
    int32("spec.replicas", s.replicas),
    int32("spec.minReadySeconds", s.minReadySeconds),
    int32("spec.revisionHistoryLimit", s.revisionHistoryLimit),
    int32("spec.progressDeadlineSeconds", s.progressDeadlineSeconds),
    s.progressDeadlineSeconds !== void 0 && s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0) ? issue("spec.progressDeadlineSeconds", "must be greater than minReadySeconds") : none2,
    strategy === void 0 ? none2 : all(
      strategyType2("spec.strategy", strategy.type, strategy.rollingUpdate, ["RollingUpdate", "Recreate"]),
      strategy.rollingUpdate === void 0 ? none2 : surgeAndUnavailable("spec.strategy.rollingUpdate", strategy.rollingUpdate.maxSurge, strategy.rollingUpdate.maxUnavailable)
    ),
    selectorAndTemplate("spec", s.selector, s.template, true),
    serviceTemplate("spec.template", s.template, "Deployment"),
    replicaCounts(o.status, [
      "replicas",
      "updatedReplicas",
      "readyReplicas",
      "availableReplicas",
      "unavailableReplicas",
      "terminatingReplicas",
      "collisionCount",
      "observedGeneration"
    ], ["updatedReplicas", "readyReplicas", "availableReplicas"]),
    conditions("status.conditions", o.status?.conditions)
  );
};
var statefulSet2 = (o) => {
  const s = o.spec;
  const rolling = s.updateStrategy?.rollingUpdate;
  return all(
    // Its pods' hostnames are `<name>-<ordinal>`, so the name must be a DNS label.
    objectMeta(o.metadata, { namespaced: true, name: labelName }),
    int32("spec.replicas", s.replicas),
    int32("spec.minReadySeconds", s.minReadySeconds),
    int32("spec.revisionHistoryLimit", s.revisionHistoryLimit),
    int32("spec.ordinals.start", s.ordinals?.start),
    oneOf("spec.podManagementPolicy", s.podManagementPolicy, ["OrderedReady", "Parallel"]),
    strategyType2("spec.updateStrategy", s.updateStrategy?.type, rolling, ["RollingUpdate", "OnDelete"]),
    int32("spec.updateStrategy.rollingUpdate.partition", rolling?.partition),
    intOrPercent("spec.updateStrategy.rollingUpdate.maxUnavailable", rolling?.maxUnavailable),
    atMost100Percent("spec.updateStrategy.rollingUpdate.maxUnavailable", rolling?.maxUnavailable),
    rolling?.maxUnavailable !== void 0 && scaledValue2(rolling.maxUnavailable) === 0 ? issue("spec.updateStrategy.rollingUpdate.maxUnavailable", "cannot be 0") : none2,
    oneOf("spec.persistentVolumeClaimRetentionPolicy.whenDeleted", s.persistentVolumeClaimRetentionPolicy?.whenDeleted, ["Retain", "Delete"]),
    oneOf("spec.persistentVolumeClaimRetentionPolicy.whenScaled", s.persistentVolumeClaimRetentionPolicy?.whenScaled, ["Retain", "Delete"]),
    selectorAndTemplate("spec", s.selector, s.template, true),
    serviceTemplate("spec.template", s.template, "StatefulSet"),
    replicaCounts(o.status, [
      "replicas",
      "readyReplicas",
      "currentReplicas",
      "updatedReplicas",
      "availableReplicas",
      "collisionCount",
      "observedGeneration"
    ], ["readyReplicas", "currentReplicas", "updatedReplicas", "availableReplicas"]),
    conditions("status.conditions", o.status?.conditions)
  );
};
var daemonSet2 = (o) => {
  const s = o.spec;
  const rolling = s.updateStrategy?.rollingUpdate;
  return all(
    objectMeta(o.metadata, namespacedMeta),
    int32("spec.minReadySeconds", s.minReadySeconds),
    int32("spec.revisionHistoryLimit", s.revisionHistoryLimit),
    strategyType2("spec.updateStrategy", s.updateStrategy?.type, rolling, ["RollingUpdate", "OnDelete"]),
    rolling === void 0 ? none2 : daemonSetRolling("spec.updateStrategy.rollingUpdate", rolling.maxSurge, rolling.maxUnavailable),
    selectorAndTemplate("spec", s.selector, s.template, true),
    serviceTemplate("spec.template", s.template, "DaemonSet"),
    counts("status", o.status, [
      "currentNumberScheduled",
      "numberMisscheduled",
      "desiredNumberScheduled",
      "numberReady",
      "updatedNumberScheduled",
      "numberAvailable",
      "numberUnavailable",
      "collisionCount",
      "observedGeneration"
    ]),
    conditions("status.conditions", o.status?.conditions)
  );
};
var jobSpec = (path, s) => all(
  int32(`${path}.parallelism`, s.parallelism),
  int32(`${path}.completions`, s.completions),
  int642(`${path}.activeDeadlineSeconds`, s.activeDeadlineSeconds),
  int32(`${path}.backoffLimit`, s.backoffLimit),
  int32(`${path}.backoffLimitPerIndex`, s.backoffLimitPerIndex),
  int32(`${path}.maxFailedIndexes`, s.maxFailedIndexes),
  int32(`${path}.ttlSecondsAfterFinished`, s.ttlSecondsAfterFinished),
  oneOf(`${path}.completionMode`, s.completionMode, ["NonIndexed", "Indexed"]),
  s.completionMode === "Indexed" && s.completions === void 0 ? issue(`${path}.completions`, "required when completionMode is Indexed") : none2,
  s.backoffLimitPerIndex !== void 0 && s.completionMode !== "Indexed" ? issue(`${path}.backoffLimitPerIndex`, "requires completionMode Indexed") : none2,
  s.maxFailedIndexes !== void 0 && s.backoffLimitPerIndex === void 0 ? issue(`${path}.maxFailedIndexes`, "requires backoffLimitPerIndex") : none2,
  s.successPolicy !== void 0 && s.completionMode !== "Indexed" ? issue(`${path}.successPolicy`, "requires completionMode Indexed") : none2,
  s.maxFailedIndexes !== void 0 && s.completions !== void 0 && s.maxFailedIndexes > s.completions ? issue(`${path}.maxFailedIndexes`, "must be less than or equal to completions") : none2,
  oneOf(`${path}.podReplacementPolicy`, s.podReplacementPolicy, ["TerminatingOrFailed", "Failed"]),
  s.podFailurePolicy !== void 0 && s.podReplacementPolicy !== void 0 && s.podReplacementPolicy !== "Failed" ? issue(`${path}.podReplacementPolicy`, "must be Failed when podFailurePolicy is specified") : none2,
  s.podFailurePolicy !== void 0 && s.template.spec.restartPolicy !== void 0 && s.template.spec.restartPolicy !== "Never" ? issue(`${path}.template.spec.restartPolicy`, "must be Never when podFailurePolicy is specified") : none2,
  selectorAndTemplate(path, s.selector, s.template, false),
  podTemplate2(`${path}.template`, s.template, RUN_TO_COMPLETION)
);
var indexedHostname = (o) => {
  const { completionMode, completions } = o.spec;
  const name = o.metadata.name ?? "";
  if (completionMode !== "Indexed" || completions === void 0 || completions <= 0 || name === "") return none2;
  const last = `${name}-${completions - 1}`;
  return isDnsLabel(last) ? none2 : issue("metadata.name", `its pods could not be named: ${show2(last)} is not a DNS-1123 label`);
};
var job2 = (o) => all(
  objectMeta(o.metadata, { namespaced: true, name: jobName }),
  indexedHostname(o),
  jobSpec("spec", o.spec),
  counts("status", o.status, ["active", "succeeded", "failed", "terminating", "ready"]),
  time("status.startTime", o.status?.startTime),
  time("status.completionTime", o.status?.completionTime),
  conditions("status.conditions", o.status?.conditions)
);
var DESCRIPTORS = /* @__PURE__ */ new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);
var GO_DURATION = /^([0-9]*\.?[0-9]+(ns|us|µs|ms|s|m|h))+$/;
var MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
var DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
var CRON_FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS, firstName: 1 },
  { name: "day of week", min: 0, max: 6, names: DAYS, firstName: 0 }
];
var CRON_PART = /^(\*|\?|([0-9A-Za-z]+)(?:-([0-9A-Za-z]+))?)(?:\/([0-9]+))?$/;
var cronValue = (f, s) => {
  if (/^[0-9]+$/.test(s)) return Number(s);
  const i = f.names?.indexOf(s.toLowerCase()) ?? -1;
  return i >= 0 ? i + (f.firstName ?? 0) : void 0;
};
var cronFieldProblem = (f, text) => {
  for (const part of text.split(",")) {
    const m = CRON_PART.exec(part);
    if (m === null) return `invalid ${f.name} ${show2(part)}`;
    if (m[4] !== void 0 && Number(m[4]) === 0) return `step in ${f.name} ${show2(part)} must be positive`;
    if (m[2] === void 0) continue;
    const lo = cronValue(f, m[2]);
    const hi = m[3] === void 0 ? lo : cronValue(f, m[3]);
    if (lo === void 0 || hi === void 0 || lo < f.min || hi > f.max || lo > hi)
      return `${f.name} ${show2(part)} is out of range ${f.min}-${f.max}`;
  }
  return void 0;
};
var scheduleProblem = (schedule2) => {
  const body = schedule2.trim().replace(/^(CRON_)?TZ=\S+\s+/, "");
  if (body.startsWith("@")) {
    if (DESCRIPTORS.has(body.toLowerCase())) return void 0;
    const every = /^@every\s+(\S+)$/.exec(body);
    return every !== null && GO_DURATION.test(every[1] ?? "") ? void 0 : `unrecognized descriptor ${show2(body)}`;
  }
  const fields = body.split(/\s+/);
  if (fields.length !== 5)
    return `must have 5 fields (minute hour day-of-month month day-of-week) or be a descriptor such as @hourly, got ${fields.length}`;
  for (const [i, f] of CRON_FIELDS.entries()) {
    const problem = cronFieldProblem(f, fields[i] ?? "");
    if (problem !== void 0) return problem;
  }
  return void 0;
};
var TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;
var isTimeZone = (tz) => {
  const partsOk = tz.split("/").every((part) => part !== "." && part !== ".." && !part.startsWith("-") && TZ_PART.test(part));
  if (!partsOk) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
var cronJob2 = (o) => {
  const s = o.spec;
  const schedule2 = s.schedule.trim();
  const problem = schedule2 === "" ? void 0 : scheduleProblem(schedule2);
  const tzInSchedule = /^(CRON_)?TZ=/.test(schedule2);
  return all(
    objectMeta(o.metadata, { namespaced: true, name: cronJobName }),
    schedule2 === "" ? issue("spec.schedule", "required") : problem === void 0 ? none2 : issue("spec.schedule", problem),
    tzInSchedule && s.timeZone !== void 0 ? issue("spec.schedule", "cannot use both timeZone field and TZ or CRON_TZ in schedule") : none2,
    s.timeZone === void 0 ? none2 : s.timeZone === "" ? issue("spec.timeZone", "must be unset or a non-empty time zone name") : s.timeZone.toLowerCase() === "local" ? issue("spec.timeZone", "must be an explicit IANA time zone name, not Local") : isTimeZone(s.timeZone) ? none2 : issue("spec.timeZone", `unknown time zone ${show2(s.timeZone)}`),
    oneOf("spec.concurrencyPolicy", s.concurrencyPolicy, ["Allow", "Forbid", "Replace"]),
    int642("spec.startingDeadlineSeconds", s.startingDeadlineSeconds),
    int32("spec.successfulJobsHistoryLimit", s.successfulJobsHistoryLimit),
    int32("spec.failedJobsHistoryLimit", s.failedJobsHistoryLimit),
    labels("spec.jobTemplate.metadata.labels", s.jobTemplate.metadata?.labels),
    annotations("spec.jobTemplate.metadata.annotations", s.jobTemplate.metadata?.annotations),
    jobSpec("spec.jobTemplate.spec", s.jobTemplate.spec),
    s.jobTemplate.spec.selector === void 0 ? none2 : issue("spec.jobTemplate.spec.selector", "must not be set: the selector of each Job is generated"),
    s.jobTemplate.spec.manualSelector === true ? issue("spec.jobTemplate.spec.manualSelector", "unsupported value true: supported values: false, unset") : none2,
    time("status.lastScheduleTime", o.status?.lastScheduleTime),
    time("status.lastSuccessfulTime", o.status?.lastSuccessfulTime)
  );
};
var rules = {
  Pod: pod2,
  Node: node2,
  PersistentVolumeClaim: persistentVolumeClaim2,
  ControllerRevision: controllerRevision2,
  ReplicaSet: replicaSet2,
  ReplicationController: replicationController2,
  Deployment: deployment2,
  StatefulSet: statefulSet2,
  DaemonSet: daemonSet2,
  Job: job2,
  CronJob: cronJob2
};
var validate = (obj) => rules[obj.kind](obj);

// src/sim/random.ts
var seeded = (seed) => seed >>> 0;
var next = (state) => {
  const s = state + 2654435769 | 0;
  let z = s;
  z = Math.imul(z ^ z >>> 16, 2246822507);
  z = Math.imul(z ^ z >>> 13, 3266489909);
  z = (z ^ z >>> 16) >>> 0;
  return [z, s >>> 0];
};
var nameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
var suffixLength = 5;
var maxPrefixLength = 63 - suffixLength;
var generatedName = (draw2, prefix) => {
  let out = prefix.length > maxPrefixLength ? prefix.slice(0, maxPrefixLength) : prefix;
  for (let i = 0; i < suffixLength; i++) out += nameAlphabet[Math.floor(draw2() / 4294967296 * nameAlphabet.length)] ?? "";
  return out;
};
var hex8 = (n2) => (n2 >>> 0).toString(16).padStart(8, "0");
var uuid = (draw2) => {
  const h = hex8(draw2()) + hex8(draw2()) + hex8(draw2()) + hex8(draw2());
  const variant = (parseInt(h[16] ?? "0", 16) & 3 | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

// src/sim/engine.ts
var open = (sim) => {
  const r = sim.runtime;
  return {
    settings: r.settings,
    view: sim.view,
    pending: /* @__PURE__ */ new Map(),
    now: sim.now.getTime(),
    rng: r.rng,
    rv: r.rv,
    ips: r.ips,
    rounds: r.rounds,
    history: [...r.history],
    stale: { ...r.stale },
    drops: r.drops,
    expectations: r.expectations.asMutable(),
    requeues: r.requeues.asMutable(),
    kubelet: r.kubelet.asMutable(),
    timers: r.timers.asMutable(),
    buckets: /* @__PURE__ */ new Map(),
    stamp: [NaN, ""],
    trace: [],
    changed: false,
    readyNodes: []
  };
};
var close = (e, base, stopped) => {
  for (const bucket3 of e.buckets.values()) bucket3.asImmutable();
  e.buckets.clear();
  const runtime = {
    settings: e.settings,
    rng: e.rng,
    rv: e.rv,
    ips: e.ips,
    rounds: e.rounds,
    history: e.history,
    stale: e.stale,
    drops: e.drops,
    expectations: e.expectations.asImmutable(),
    requeues: e.requeues.asImmutable(),
    kubelet: e.kubelet.asImmutable(),
    timers: e.timers.asImmutable()
  };
  const trace2 = e.trace.length === 0 ? base.trace : [...base.trace, ...e.trace];
  return {
    view: e.view,
    now: new Date(e.now),
    trace: trace2,
    ...stopped === void 0 ? {} : { stopped },
    runtime
  };
};
var keyOfObject = (o) => keyOf(o.kind, o.metadata.namespace, o.metadata.name ?? "");
var parseKey = (key2) => {
  const i = key2.indexOf("/");
  const j = key2.indexOf("/", i + 1);
  const ns = key2.slice(i + 1, j);
  return [key2.slice(0, i), ns === "" ? void 0 : ns, key2.slice(j + 1)];
};
var lookupKey = (view, key2) => {
  const [kind, ns, name] = parseKey(key2);
  return lookup(view, kind, ns, name);
};
var get = (e, key2) => {
  const p = e.pending.get(key2);
  if (p !== void 0) return p ?? void 0;
  return lookupKey(e.view, key2);
};
var nodeReady = (node4) => {
  if (node4?.kind !== "Node") return false;
  const s = node4.status?.conditions?.find((c) => c.type === "Ready")?.status;
  return s !== "False" && s !== "Unknown";
};
var setObject = (e, key2, next2) => {
  const prev = get(e, key2);
  e.pending.set(key2, next2 ?? null);
  e.changed = true;
  if (next2?.kind === "Node" && nodeReady(next2) && !nodeReady(prev)) e.readyNodes.push(next2.metadata.name ?? "");
};
var commitView = (e) => {
  if (e.pending.size === 0) return;
  const writes = Array.from(e.pending.entries());
  e.pending.clear();
  e.view = withChanges(e.view, (c) => {
    for (const [key2, obj] of writes) {
      if (obj !== null) c.put(obj);
      else c.remove(...parseKey(key2));
    }
  });
};
var nextRv = (e) => {
  e.rv += 1;
  return String(e.rv);
};
var stamp = (e) => {
  if (e.stamp[0] !== e.now) e.stamp = [e.now, format(e.now)];
  return e.stamp[1];
};
var draw = (e) => {
  const [v, s] = next(e.rng);
  e.rng = s;
  return v;
};
var nextIp = (e) => {
  e.ips += 1;
  const n2 = e.ips;
  return `10.${n2 >>> 16 & 255}.${n2 >>> 8 & 255}.${n2 & 255}`;
};
var traceTime = (e) => new Date(e.now).toISOString();
var record3 = (e, entry) => {
  const mode = e.settings.trace;
  if (mode === "none" || mode === "controllers" && entry._tag === "Environment") return;
  e.trace.push(entry);
};
var tracesEnvironment = (e) => e.settings.trace === "full";

// src/sim/kubelet.ts
import { Set as ISet } from "immutable";

// src/sim/annotations.ts
var annotations_exports = {};
__export(annotations_exports, {
  exitAfterSeconds: () => exitAfterSeconds,
  exitCode: () => exitCode,
  neverReady: () => neverReady,
  readySeconds: () => readySeconds,
  startSeconds: () => startSeconds
});
var startSeconds = "sim.kube-reconcile.io/start-seconds";
var readySeconds = "sim.kube-reconcile.io/ready-seconds";
var exitAfterSeconds = "sim.kube-reconcile.io/exit-after-seconds";
var exitCode = "sim.kube-reconcile.io/exit-code";
var neverReady = "sim.kube-reconcile.io/never-ready";

// src/sim/conditions.ts
var condition = (type5, status, time2, reason, message) => ({
  type: type5,
  status,
  lastTransitionTime: time2,
  ...reason === void 0 ? {} : { reason },
  ...message === void 0 ? {} : { message }
});
var setCondition2 = (conditions2, c) => {
  const list2 = conditions2 ?? [];
  const i = list2.findIndex((x) => x.type === c.type);
  if (i < 0) return [...list2, c];
  const old = list2[i];
  const next2 = old !== void 0 && old.status === c.status && old.lastTransitionTime !== void 0 ? { ...c, lastTransitionTime: old.lastTransitionTime } : c;
  return list2.map((x, j) => j === i ? next2 : x);
};
var setConditions = (conditions2, cs) => cs.reduce((acc, c) => setCondition2(acc, c), conditions2 ?? []);

// src/sim/kubelet.ts
var seconds = (v) => {
  if (v === void 0 || v.trim() === "") return void 0;
  const n2 = Number(v);
  return Number.isFinite(n2) && n2 >= 0 ? n2 : void 0;
};
var timings = (e, pod4) => {
  const a = pod4.metadata.annotations ?? {};
  const exitAfter = seconds(a[exitAfterSeconds]);
  const code = Number(a[exitCode] ?? "0");
  return {
    start: seconds(a[startSeconds]) ?? e.settings.startSeconds,
    ready: seconds(a[readySeconds]) ?? e.settings.readySeconds,
    stop: e.settings.stopSeconds,
    ...exitAfter === void 0 ? {} : { exitAfter },
    exitCode: Number.isInteger(code) ? code : 1,
    neverReady: a[neverReady] === "true"
  };
};
var backoffSeconds = (crashes) => crashes <= 1 ? 0 : Math.min(10 * 2 ** (crashes - 2), 300);
var backoffResetMs = 6e5;
var bucket2 = (e, due) => {
  let b = e.buckets.get(due);
  if (b === void 0) {
    b = (e.timers.get(due) ?? ISet()).asMutable();
    e.buckets.set(due, b);
    e.timers = e.timers.set(due, b);
  }
  return b;
};
var dropBucket = (e, due) => {
  e.buckets.delete(due);
  e.timers = e.timers.remove(due);
};
var unschedule = (e, key2) => {
  const old = e.kubelet.get(key2);
  if (old === void 0) return;
  e.kubelet = e.kubelet.remove(key2);
  if (!e.timers.has(old.due)) return;
  const b = bucket2(e, old.due).remove(key2);
  if (b.size === 0) dropBucket(e, old.due);
};
var schedule = (e, key2, rec) => {
  unschedule(e, key2);
  e.kubelet = e.kubelet.set(key2, rec);
  bucket2(e, rec.due).add(key2);
};
var planRunning = (e, key2, pod4, runningSince, crashes) => {
  const t6 = timings(e, pod4);
  const readyAt = isReady(pod4) || t6.neverReady ? Infinity : runningSince + t6.ready * 1e3;
  const exitAt = t6.exitAfter === void 0 ? Infinity : runningSince + t6.exitAfter * 1e3;
  if (readyAt === Infinity && exitAt === Infinity) {
    unschedule(e, key2);
    return;
  }
  const uid = pod4.metadata.uid ?? "";
  schedule(e, key2, exitAt <= readyAt ? { uid, step: "exit", due: exitAt, runningSince, crashes } : { uid, step: "ready", due: readyAt, runningSince, crashes });
};
var notice = (e, key2, pod4) => {
  const rec0 = e.kubelet.get(key2);
  const rec = rec0 !== void 0 && rec0.uid === pod4?.metadata.uid ? rec0 : void 0;
  if (rec0 !== void 0 && rec === void 0) unschedule(e, key2);
  if (pod4 === void 0 || (pod4.spec.nodeName ?? "") === "") {
    unschedule(e, key2);
    return;
  }
  const uid = pod4.metadata.uid ?? "";
  if (pod4.metadata.deletionTimestamp !== void 0) {
    if (isTerminal(pod4) && pod4.metadata.deletionGracePeriodSeconds === 0) unschedule(e, key2);
    else if (rec?.step !== "stop") {
      const grace = pod4.metadata.deletionGracePeriodSeconds ?? 0;
      const wait = isTerminal(pod4) ? 0 : Math.min(timings(e, pod4).stop, grace);
      schedule(e, key2, { uid, step: "stop", due: e.now + wait * 1e3, crashes: rec?.crashes ?? 0 });
    }
    return;
  }
  if (isTerminal(pod4)) {
    unschedule(e, key2);
    return;
  }
  if (rec !== void 0) return;
  if (pod4.status?.phase !== "Running") {
    schedule(e, key2, { uid, step: "start", due: e.now + timings(e, pod4).start * 1e3, crashes: 0 });
  } else {
    planRunning(e, key2, pod4, e.now, 0);
  }
};
var hostIpOf = (node4) => {
  let h = 2166136261;
  for (let i = 0; i < node4.length; i++) h = Math.imul(h ^ node4.charCodeAt(i), 16777619) >>> 0;
  return `172.${16 + (h >>> 16 & 15)}.${h >>> 8 & 255}.${(h & 254) + 1}`;
};
var write = (e, key2, pod4) => {
  const next2 = { ...pod4, metadata: { ...pod4.metadata, resourceVersion: nextRv(e) } };
  setObject(e, key2, next2);
  return next2;
};
var trace = (e, pod4, event3) => {
  if (tracesEnvironment(e)) record3(e, { _tag: "Environment", time: traceTime(e), source: "kubelet", target: of(pod4), event: event3 });
};
var containers = (pod4, f) => pod4.spec.containers.map((c) => {
  const old = pod4.status?.containerStatuses?.find((s) => s.name === c.name);
  return f(old ?? { name: c.name, ...c.image === void 0 ? {} : { image: c.image }, restartCount: 0 });
});
var notReady = (time2, reason) => [
  condition("ContainersReady", "False", time2, reason),
  condition("Ready", "False", time2, reason)
];
var start2 = (e, key2, pod4, rec) => {
  const time2 = stamp(e);
  const node4 = pod4.spec.nodeName ?? "";
  const next2 = write(e, key2, {
    ...pod4,
    status: {
      ...pod4.status,
      phase: "Running",
      conditions: setConditions(pod4.status?.conditions, [
        condition("PodScheduled", "True", time2),
        condition("Initialized", "True", time2),
        ...notReady(time2, "ContainersNotReady")
      ]),
      hostIP: hostIpOf(node4),
      podIP: pod4.status?.podIP ?? nextIp(e),
      startTime: pod4.status?.startTime ?? time2,
      containerStatuses: containers(pod4, (s) => ({
        ...s,
        ready: false,
        started: true,
        restartCount: s.restartCount ?? 0,
        state: { running: { startedAt: time2 } }
      }))
    }
  });
  trace(e, next2, { _tag: "Started" });
  planRunning(e, key2, next2, e.now, rec.crashes);
};
var becomeReady = (e, key2, pod4, rec) => {
  const time2 = stamp(e);
  const next2 = write(e, key2, {
    ...pod4,
    status: {
      ...pod4.status,
      conditions: setConditions(pod4.status?.conditions, [
        condition("ContainersReady", "True", time2),
        condition("Ready", "True", time2)
      ]),
      containerStatuses: containers(pod4, (s) => ({ ...s, ready: true }))
    }
  });
  trace(e, next2, { _tag: "Ready" });
  planRunning(e, key2, next2, rec.runningSince ?? e.now, rec.crashes);
};
var lastExit = (exitCode2, time2) => ({
  terminated: { exitCode: exitCode2, reason: exitCode2 === 0 ? "Completed" : "Error", finishedAt: time2 }
});
var restarted = (e, pod4, exitCode2) => {
  const time2 = stamp(e);
  return {
    ...pod4,
    status: {
      ...pod4.status,
      conditions: setConditions(pod4.status?.conditions, notReady(time2, "ContainersNotReady")),
      containerStatuses: containers(pod4, (s) => ({
        ...s,
        ready: false,
        started: true,
        restartCount: (s.restartCount ?? 0) + 1,
        state: { running: { startedAt: time2 } },
        ...exitCode2 === void 0 ? {} : { lastState: lastExit(exitCode2, time2) }
      }))
    }
  };
};
var terminated = (pod4, time2, exitCode2) => containers(pod4, (s) => ({
  ...s,
  ready: false,
  started: false,
  state: lastExit(exitCode2, time2)
}));
var exit = (e, key2, pod4, rec) => {
  const t6 = timings(e, pod4);
  const time2 = stamp(e);
  const policy = pod4.spec.restartPolicy ?? "Always";
  if (!(policy === "Always" || policy === "OnFailure" && t6.exitCode !== 0)) {
    const phase = t6.exitCode === 0 ? "Succeeded" : "Failed";
    const next3 = write(e, key2, {
      ...pod4,
      status: {
        ...pod4.status,
        phase,
        conditions: setConditions(pod4.status?.conditions, notReady(time2, "PodCompleted")),
        containerStatuses: terminated(pod4, time2, t6.exitCode)
      }
    });
    unschedule(e, key2);
    trace(e, next3, { _tag: "Exited", exitCode: t6.exitCode, outcome: phase });
    return;
  }
  const ranMs = e.now - (rec.runningSince ?? e.now);
  const crashes = ranMs >= backoffResetMs ? 1 : rec.crashes + 1;
  const backoff = backoffSeconds(crashes);
  if (backoff === 0) {
    const next3 = write(e, key2, restarted(e, pod4, t6.exitCode));
    trace(e, next3, { _tag: "Exited", exitCode: t6.exitCode, outcome: "Restarting", backoffSeconds: 0 });
    planRunning(e, key2, next3, e.now, crashes);
    return;
  }
  const next2 = write(e, key2, {
    ...pod4,
    status: {
      ...pod4.status,
      conditions: setConditions(pod4.status?.conditions, notReady(time2, "ContainersNotReady")),
      containerStatuses: containers(pod4, (s) => ({
        ...s,
        ready: false,
        started: false,
        state: { waiting: { reason: "CrashLoopBackOff", message: `back-off ${backoff}s restarting failed container` } },
        lastState: lastExit(t6.exitCode, time2)
      }))
    }
  });
  trace(e, next2, { _tag: "Exited", exitCode: t6.exitCode, outcome: "Restarting", backoffSeconds: backoff });
  schedule(e, key2, { uid: rec.uid, step: "restart", due: e.now + backoff * 1e3, crashes });
};
var restart = (e, key2, pod4, rec) => {
  const next2 = write(e, key2, restarted(e, pod4));
  trace(e, next2, { _tag: "Restarted", restartCount: next2.status?.containerStatuses?.[0]?.restartCount ?? 0 });
  planRunning(e, key2, next2, e.now, rec.crashes);
};
var stop2 = (e, key2, pod4) => {
  unschedule(e, key2);
  const time2 = stamp(e);
  const stopped = isTerminal(pod4) ? pod4 : {
    ...pod4,
    status: {
      ...pod4.status,
      phase: "Failed",
      conditions: setConditions(pod4.status?.conditions, notReady(time2, "PodCompleted")),
      containerStatuses: terminated(pod4, time2, 143)
    }
  };
  if ((stopped.metadata.finalizers ?? []).length === 0) {
    nextRv(e);
    setObject(e, key2, void 0);
    trace(e, stopped, { _tag: "Removed" });
    return;
  }
  const next2 = write(e, key2, { ...stopped, metadata: { ...stopped.metadata, deletionGracePeriodSeconds: 0 } });
  trace(e, next2, { _tag: "Stopped" });
};
var crash = (e, key2) => {
  const pod4 = get(e, key2);
  if (pod4?.kind !== "Pod" || pod4.status?.phase !== "Running" || pod4.metadata.deletionTimestamp !== void 0) return false;
  const next2 = write(e, key2, restarted(e, pod4, 1));
  const rec = e.kubelet.get(key2);
  planRunning(e, key2, next2, e.now, rec !== void 0 && rec.uid === pod4.metadata.uid ? rec.crashes : 0);
  return true;
};
var run = (e) => {
  for (; ; ) {
    const due = Array.from(e.timers.keys()).filter((t6) => t6 <= e.now).sort((a, b) => a - b);
    if (due.length === 0) return;
    for (const t6 of due) {
      const keys = Array.from(e.timers.get(t6) ?? []).sort();
      dropBucket(e, t6);
      for (const key2 of keys) {
        const rec = e.kubelet.get(key2);
        if (rec === void 0 || rec.due !== t6) continue;
        e.kubelet = e.kubelet.remove(key2);
        perform(e, key2, rec);
      }
    }
  }
};
var perform = (e, key2, rec) => {
  const pod4 = get(e, key2);
  if (pod4?.kind !== "Pod" || pod4.metadata.uid !== rec.uid) return;
  if (!nodeReady(get(e, keyOf("Node", void 0, pod4.spec.nodeName ?? "")))) return;
  switch (rec.step) {
    case "start":
      return start2(e, key2, pod4, rec);
    case "ready":
      return becomeReady(e, key2, pod4, rec);
    case "exit":
      return exit(e, key2, pod4, rec);
    case "restart":
      return restart(e, key2, pod4, rec);
    case "stop":
      return stop2(e, key2, pod4);
  }
};
var nextDue = (e) => {
  let min;
  for (const t6 of e.timers.keys()) if (t6 > e.now && (min === void 0 || t6 < min)) min = t6;
  return min;
};

// src/sim/store.ts
var write2 = (e, key2, next2) => {
  setObject(e, key2, next2);
  if (key2.startsWith("Pod/")) notice(e, key2, next2?.kind === "Pod" ? next2 : void 0);
};
var commit = (e) => {
  commitView(e);
  const nodes2 = e.readyNodes.splice(0);
  for (const node4 of nodes2) {
    for (const pod4 of podsOnNode(e.view, node4)) notice(e, keyOfObject(pod4), pod4);
  }
};

// src/sim/apiserver.ts
var rejected = (detail) => ({ result: "rejected", detail, changed: false });
var conflict = (detail) => ({ result: "conflict", detail, changed: false });
var applied = (obj, detail) => ({
  result: "applied",
  ref: of(obj),
  changed: detail !== "unchanged" && detail !== "already deleting",
  ...detail === void 0 ? {} : { detail }
});
var generateNameAttempts = 8;
var namespaceFor = (kind, ns) => kinds[kind].namespaced ? ns === void 0 || ns === "" ? "default" : ns : void 0;
var keyOfRef = (ref) => isKind(ref.kind) ? keyOf(ref.kind, namespaceFor(ref.kind, ref.namespace), ref.name) : key(ref);
var notFound = (kind, name) => `NotFound: ${kind} "${name}" not found`;
var invalid = (obj) => {
  const issues = validate(obj);
  return issues.length === 0 ? void 0 : `Invalid: ${obj.kind} "${obj.metadata.name ?? ""}" is invalid: ${format2(issues).split("\n").join("; ")}`;
};
var modified = (kind, name) => `Conflict: Operation cannot be fulfilled on ${kind} "${name}": the object has been modified; please apply your changes to the latest version and try again`;
var specOf = (o) => {
  const { metadata: _m, status: _s, ...rest } = o;
  return canonicalJson(rest);
};
var withoutSystemFields = (meta) => {
  const {
    uid: _uid,
    resourceVersion: _rv,
    generation: _gen,
    creationTimestamp: _ct,
    deletionTimestamp: _dt,
    deletionGracePeriodSeconds: _dg,
    ...rest
  } = meta;
  return rest;
};
var systemFields = (meta) => ({
  ...meta.uid === void 0 ? {} : { uid: meta.uid },
  ...meta.resourceVersion === void 0 ? {} : { resourceVersion: meta.resourceVersion },
  ...meta.generation === void 0 ? {} : { generation: meta.generation },
  ...meta.creationTimestamp === void 0 ? {} : { creationTimestamp: meta.creationTimestamp },
  ...meta.deletionTimestamp === void 0 ? {} : { deletionTimestamp: meta.deletionTimestamp },
  ...meta.deletionGracePeriodSeconds === void 0 ? {} : { deletionGracePeriodSeconds: meta.deletionGracePeriodSeconds }
});
var withStatus2 = (obj, status) => {
  const { status: _drop, ...rest } = obj;
  return status === void 0 ? rest : { ...rest, status };
};
var statusOf = (obj) => obj.status;
var initialStatus = (obj) => {
  switch (obj.kind) {
    case "Pod":
    case "PersistentVolumeClaim":
      return { phase: "Pending" };
    case "Node":
      return obj.status;
    default:
      return void 0;
  }
};
var notReadyTaint = "node.kubernetes.io/not-ready";
var unreachableTaint = "node.kubernetes.io/unreachable";
var defaultTolerations = (pod4) => {
  const tols = pod4.spec.tolerations ?? [];
  const tolerates2 = (key2) => tols.some((t6) => ((t6.key ?? "") === key2 || (t6.key ?? "") === "") && ((t6.effect ?? "") === "NoExecute" || (t6.effect ?? "") === ""));
  const add = [];
  for (const key2 of [notReadyTaint, unreachableTaint]) {
    if (!tolerates2(key2)) add.push({ key: key2, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 });
  }
  return add.length === 0 ? pod4 : { ...pod4, spec: { ...pod4.spec, tolerations: [...tols, ...add] } };
};
var jobLabels = {
  controllerUid: "batch.kubernetes.io/controller-uid",
  legacyControllerUid: "controller-uid",
  jobName: "batch.kubernetes.io/job-name",
  legacyJobName: "job-name"
};
var generateJobSelector = (job3) => {
  if (job3.spec.manualSelector === true) return job3;
  const uid = job3.metadata.uid ?? "";
  const name = job3.metadata.name ?? "";
  const labels2 = job3.spec.template.metadata?.labels ?? {};
  const add = {};
  for (const k of [jobLabels.legacyJobName, jobLabels.jobName]) if (!(k in labels2)) add[k] = name;
  for (const k of [jobLabels.legacyControllerUid, jobLabels.controllerUid]) if (!(k in labels2)) add[k] = uid;
  const match = job3.spec.selector?.matchLabels ?? {};
  return {
    ...job3,
    spec: {
      ...job3.spec,
      selector: {
        ...job3.spec.selector,
        matchLabels: jobLabels.controllerUid in match ? match : { ...match, [jobLabels.controllerUid]: uid }
      },
      template: { ...job3.spec.template, metadata: { ...job3.spec.template.metadata, labels: { ...labels2, ...add } } }
    }
  };
};
var admit = (obj) => obj.kind === "Pod" ? defaultTolerations(obj) : obj.kind === "Job" ? generateJobSelector(obj) : obj;
var create2 = (e, obj) => {
  if (!isKind(obj.kind)) return rejected(`unsupported kind ${JSON.stringify(obj.kind)}`);
  const kind = obj.kind;
  const ns = namespaceFor(kind, obj.metadata.namespace);
  const keyFor = (name2) => keyOf(kind, ns, name2);
  let name = obj.metadata.name ?? "";
  if (name === "") {
    const prefix = obj.metadata.generateName ?? "";
    if (prefix === "") return rejected("Invalid: metadata.name: name or generateName is required");
    for (let i = 0; i < generateNameAttempts && name === ""; i++) {
      const candidate = generatedName(() => draw(e), prefix);
      if (get(e, keyFor(candidate)) === void 0) name = candidate;
    }
    if (name === "") return rejected(`AlreadyExists: no free name for generateName ${JSON.stringify(prefix)} after ${generateNameAttempts} attempts`);
  } else if (get(e, keyFor(name)) !== void 0) {
    return rejected(`AlreadyExists: ${kind} "${name}" already exists`);
  }
  const uid = uuid(() => draw(e));
  const meta = {
    ...withoutSystemFields(obj.metadata),
    name,
    ...ns === void 0 ? {} : { namespace: ns },
    uid,
    generation: 1,
    creationTimestamp: stamp(e)
  };
  const { namespace: _ns, ...clusterMeta2 } = meta;
  const prepared = withStatus2({ ...obj, metadata: ns === void 0 ? clusterMeta2 : meta }, initialStatus(obj));
  const admitted = admit(applyDefaults(prepared));
  const problem = invalid(admitted);
  if (problem !== void 0) return rejected(problem);
  const stored = { ...admitted, metadata: { ...admitted.metadata, resourceVersion: nextRv(e) } };
  write2(e, keyFor(name), stored);
  return applied(stored);
};
var current = (e, obj) => {
  if (!isKind(obj.kind)) return rejected(`unsupported kind ${JSON.stringify(obj.kind)}`);
  const name = obj.metadata.name ?? "";
  const key2 = keyOf(obj.kind, namespaceFor(obj.kind, obj.metadata.namespace), name);
  const cur = get(e, key2);
  if (cur === void 0) return rejected(notFound(obj.kind, name));
  const { uid, resourceVersion } = obj.metadata;
  if (uid !== void 0 && uid !== cur.metadata.uid) {
    return conflict(`Conflict: Precondition failed: UID in precondition: ${uid}, UID in object meta: ${cur.metadata.uid ?? ""}`);
  }
  if (resourceVersion !== void 0 && resourceVersion !== cur.metadata.resourceVersion) return conflict(modified(obj.kind, name));
  return { key: key2, cur };
};
var removable = (obj) => obj.metadata.deletionTimestamp !== void 0 && (obj.metadata.finalizers ?? []).length === 0 && obj.metadata.deletionGracePeriodSeconds === 0;
var store = (e, key2, cur, next2) => {
  const defaulted = applyDefaults(next2);
  const problem = invalid(defaulted);
  if (problem !== void 0) return rejected(problem);
  const gen = cur.metadata.generation;
  const bumped = gen !== void 0 && specOf(defaulted) !== specOf(cur) ? { ...defaulted, metadata: { ...defaulted.metadata, generation: gen + 1 } } : defaulted;
  if (canonicalJson(bumped) === canonicalJson(cur)) return applied(cur, "unchanged");
  const stored = { ...bumped, metadata: { ...bumped.metadata, resourceVersion: nextRv(e) } };
  if (removable(stored)) {
    write2(e, key2, void 0);
    return applied(stored, "removed");
  }
  write2(e, key2, stored);
  return applied(stored);
};
var update2 = (e, obj) => {
  const found = current(e, obj);
  if ("result" in found) return found;
  const { key: key2, cur } = found;
  if (cur.metadata.deletionTimestamp !== void 0) {
    const had = new Set(cur.metadata.finalizers ?? []);
    if ((obj.metadata.finalizers ?? []).some((f) => !had.has(f))) {
      return rejected(`Forbidden: ${obj.kind} "${cur.metadata.name ?? ""}": metadata.finalizers: no new finalizers can be added if the object is being deleted`);
    }
  }
  const meta = {
    ...withoutSystemFields(obj.metadata),
    name: cur.metadata.name ?? "",
    ...cur.metadata.namespace === void 0 ? {} : { namespace: cur.metadata.namespace },
    ...systemFields(cur.metadata)
  };
  const { namespace: _ns, ...clusterMeta2 } = meta;
  const next2 = withStatus2({ ...obj, metadata: cur.metadata.namespace === void 0 ? clusterMeta2 : meta }, statusOf(cur));
  return store(e, key2, cur, next2);
};
var updateStatus2 = (e, obj) => {
  const found = current(e, obj);
  if ("result" in found) return found;
  return store(e, found.key, found.cur, withStatus2(found.cur, statusOf(obj)));
};
var defaultPropagation = (kind) => kind === "Job" || kind === "ReplicationController" ? "Orphan" : "Background";
var finalizersFor = (finalizers, policy) => {
  const rest = finalizers.filter((f) => f !== "orphan" && f !== "foregroundDeletion");
  return policy === "Orphan" ? [...rest, "orphan"] : policy === "Foreground" ? [...rest, "foregroundDeletion"] : rest;
};
var podGracePeriod = (pod4) => (pod4.spec.nodeName ?? "") === "" || isTerminal(pod4) ? 0 : pod4.spec.terminationGracePeriodSeconds ?? 30;
var remove = (e, target, policy, pre) => {
  if (!isKind(target.kind)) return rejected(`unsupported kind ${JSON.stringify(target.kind)}`);
  const key2 = keyOfRef(target);
  const cur = get(e, key2);
  if (cur === void 0) return rejected(notFound(target.kind, target.name));
  const m = cur.metadata;
  if (pre?.uid !== void 0 && pre.uid !== m.uid) {
    return conflict(`Conflict: Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${m.uid ?? ""}`);
  }
  if (pre?.resourceVersion !== void 0 && pre.resourceVersion !== m.resourceVersion) {
    return conflict(
      `Conflict: Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${m.resourceVersion ?? ""}`
    );
  }
  if (m.deletionTimestamp !== void 0) return applied(cur, "already deleting");
  const finalizers = finalizersFor(m.finalizers ?? [], policy ?? defaultPropagation(cur.kind));
  const grace = cur.kind === "Pod" ? podGracePeriod(cur) : 0;
  const rv = nextRv(e);
  if (grace === 0 && finalizers.length === 0) {
    write2(e, key2, void 0);
    return applied(cur, "removed");
  }
  const { finalizers: _f, ...rest } = m;
  const next2 = {
    ...cur,
    metadata: {
      ...rest,
      ...finalizers.length === 0 ? {} : { finalizers },
      deletionTimestamp: format(e.now + grace * 1e3),
      deletionGracePeriodSeconds: grace,
      ...m.generation === void 0 || m.generation <= 0 ? {} : { generation: m.generation + 1 },
      resourceVersion: rv
    }
  };
  write2(e, key2, next2);
  return applied(next2);
};

// src/sim/controllers.ts
var expectationsTimeoutMs = 3e5;
var byNamespaceName = (a, b) => {
  const ka = `${a.metadata.namespace ?? ""}/${a.metadata.name ?? ""}`;
  const kb = `${b.metadata.namespace ?? ""}/${b.metadata.name ?? ""}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};
var guarded = (a, owner, view) => {
  const uid = owner.metadata.uid;
  if (a._tag === "Create") return a.object.kind === "Pod" && uid !== void 0 && controllerRef(a.object)?.uid === uid;
  if (a._tag === "Delete" && a.target.kind === "Pod") {
    const seen = lookupKey(view, keyOfRef(a.target));
    return seen !== void 0 && uid !== void 0 && controllerRef(seen)?.uid === uid;
  }
  return false;
};
var send = (e, a) => {
  switch (a._tag) {
    case "Create":
      return create2(e, a.object);
    case "Update":
      return update2(e, a.object);
    case "UpdateStatus":
      return updateStatus2(e, a.object);
    case "Delete":
      return remove(e, a.target, a.propagationPolicy, a.preconditions);
    case "RequeueAfter":
    case "Event":
      return { result: "applied", changed: false };
  }
};
var handle = (e, owner, actions, view, viewRv) => {
  if (actions.length === 0) return;
  const source = show(of(owner));
  const ownerKey = keyOfObject(owner);
  const expects = e.settings.expectationKinds.includes(owner.kind);
  const pending = expects ? e.expectations.get(ownerKey) : void 0;
  let held = false;
  if (pending !== void 0) {
    if (pending.rv <= viewRv || e.now - pending.at >= expectationsTimeoutMs) e.expectations = e.expectations.remove(ownerKey);
    else held = true;
  }
  const time2 = traceTime(e);
  for (const a of actions) {
    if (a._tag === "RequeueAfter") {
      const due = e.now + Math.max(0, a.seconds) * 1e3;
      const k = key(a.target);
      const old = e.requeues.get(k);
      if (old !== void 0 && old <= due) continue;
      e.requeues = e.requeues.set(k, due);
      record3(e, { _tag: "Action", time: time2, source, action: a, result: "applied" });
      continue;
    }
    if (a._tag === "Event") {
      record3(e, { _tag: "Action", time: time2, source, action: a, result: "applied" });
      continue;
    }
    if (e.drops > 0) {
      e.drops -= 1;
      e.changed = true;
      record3(e, { _tag: "Action", time: time2, source, action: a, result: "dropped" });
      continue;
    }
    if (held && guarded(a, owner, view)) {
      record3(e, { _tag: "Action", time: time2, source, action: a, result: "withheld", detail: "expectations not yet satisfied" });
      continue;
    }
    const out = send(e, a);
    record3(e, {
      _tag: "Action",
      time: time2,
      source,
      action: a,
      result: out.result,
      ...out.ref === void 0 ? {} : { ref: out.ref },
      ...out.detail === void 0 ? {} : { detail: out.detail }
    });
    if (out.changed && expects && guarded(a, owner, view)) {
      e.expectations = e.expectations.set(ownerKey, { rv: e.rv, at: e.now });
    }
  }
};
var staleSnapshot = (e) => {
  if (e.stale.rounds <= 0) return void 0;
  e.stale.rounds -= 1;
  e.changed = true;
  return e.history[Math.max(0, e.history.length - 1 - e.stale.lag)];
};
var run2 = (e) => {
  commit(e);
  const snapshot = staleSnapshot(e);
  for (const [kind, reconcile4] of e.settings.controllers) {
    const objects = [...list(snapshot?.view ?? e.view, kind)].sort(byNamespaceName);
    for (const listed of objects) {
      const view = snapshot?.view ?? e.view;
      const owner = snapshot === void 0 ? lookupKey(view, keyOfObject(listed)) : listed;
      if (owner === void 0) continue;
      const actions = reconcile4(owner, view, new Date(e.now));
      handle(e, owner, actions, view, snapshot?.rv ?? e.rv);
      commit(e);
    }
  }
};

// src/api/decode.ts
import * as E10 from "fp-ts/lib/Either.js";
import { pipe as pipe5 } from "fp-ts/lib/function.js";
import { LineCounter, parseAllDocuments } from "yaml";
var manifestLimits = {
  /** Longest text accepted, in UTF-16 code units (64 MiB for ASCII text). */
  maxTextLength: 64 * 1024 * 1024,
  /** How far YAML aliases may expand (the `yaml` package's `maxAliasCount`). */
  maxAliasCount: 100
};
var info = (type5) => type5;
var unwrap = (type5) => {
  let u = type5;
  while ((u._tag === "ReadonlyType" || u._tag === "RefinementType" || u._tag === "ExactType") && u.type !== void 0)
    u = u.type;
  return u;
};
var expected = (type5) => {
  const u = unwrap(type5);
  switch (u._tag) {
    case "StringType":
      return "string";
    case "NumberType":
      return "number";
    case "BooleanType":
      return "boolean";
    case "NullType":
      return "null";
    case "ArrayType":
    case "ReadonlyArrayType":
    case "UnknownArrayType":
      return "array";
    case "InterfaceType":
    case "PartialType":
    case "IntersectionType":
    case "DictionaryType":
    case "UnknownRecordType":
    case "StrictType":
      return "object";
    case "LiteralType":
      return JSON.stringify(u.value);
    case "UnionType":
      return [...new Set((u.types ?? []).map(expected))].join(" or ");
    default:
      return u.name;
  }
};
var describe = (v) => v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
var toIssue = (error) => {
  const ctx = error.context;
  let path = "";
  let at = ctx[0]?.type;
  for (let i = 1; i < ctx.length; i++) {
    const parent = ctx[i - 1];
    const entry = ctx[i];
    if (parent === void 0 || entry === void 0) continue;
    switch (unwrap(info(parent.type))._tag) {
      case "IntersectionType":
      case "UnionType":
        continue;
      case "ArrayType":
      case "ReadonlyArrayType":
        path = indexPath(path, Number(entry.key));
        break;
      case "DictionaryType":
        path = keyPath(path, entry.key);
        break;
      default:
        path = fieldPath(path, entry.key);
    }
    at = entry.type;
  }
  const message = error.value === void 0 ? "required" : `expected ${at === void 0 ? "a valid value" : expected(info(at))}, got ${describe(error.value)}`;
  return { path, message };
};
var dedupe = (issues) => {
  const seen = /* @__PURE__ */ new Set();
  return issues.filter((i) => seen.has(i.path) ? false : (seen.add(i.path), true));
};
var isJsonObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var SUPPORTED = Object.keys(kinds).join(", ");
var NOT_AN_OBJECT = "expected a Kubernetes object (a mapping with apiVersion and kind)";
var isListKind = (kind) => typeof kind === "string" && (kind === "List" || kind.endsWith("List") && !isKind(kind));
var header = (json) => {
  const { kind, apiVersion } = json;
  if (kind === void 0) return { issues: [{ path: "kind", message: `required; supported kinds: ${SUPPORTED}` }] };
  if (typeof kind !== "string") return { issues: [{ path: "kind", message: `expected string, got ${describe(kind)}` }] };
  if (!isKind(kind)) {
    const hint = isListKind(kind) ? " (a list of objects: use decodeManifests)" : "";
    return { issues: [{ path: "kind", message: `unsupported kind ${JSON.stringify(kind)}${hint}; supported kinds: ${SUPPORTED}` }] };
  }
  const want = kinds[kind].apiVersion;
  const issues = apiVersion === want ? [] : apiVersion === void 0 ? [{ path: "apiVersion", message: `required; kind ${kind} is served as ${JSON.stringify(want)}` }] : [
    {
      path: "apiVersion",
      message: `expected ${JSON.stringify(want)} for kind ${kind}, got ${typeof apiVersion === "string" ? JSON.stringify(apiVersion) : describe(apiVersion)}`
    }
  ];
  return { kind, issues };
};
var fromJson = (json) => {
  if (!isJsonObject(json)) return E10.left(single("", `${NOT_AN_OBJECT}, got ${describe(json)}`));
  const head = header(json);
  if (head.kind === void 0) return E10.left(make(head.issues));
  const structural = kinds[head.kind].codec.decode(json);
  if (head.issues.length > 0 || E10.isLeft(structural)) {
    const issues2 = E10.isLeft(structural) ? structural.left.map(toIssue) : [];
    return E10.left(make(dedupe([...head.issues, ...issues2])));
  }
  const obj = applyDefaults(structural.right);
  const issues = validate(obj);
  return issues.length > 0 ? E10.left(make(issues)) : E10.right(obj);
};
var clean = (input) => sanitize(input, { dropNullFields: true });
var decodeKind = (kind, input) => pipe5(
  clean(input),
  E10.flatMap(
    (json) => isJsonObject(json) && json["kind"] !== void 0 && json["kind"] !== kind ? E10.left(single("kind", `expected ${JSON.stringify(kind)}, got ${JSON.stringify(json["kind"])}`)) : fromJson(json)
  ),
  E10.map((obj) => obj)
);

// src/sim/faults.ts
import * as E11 from "fp-ts/lib/Either.js";

// src/sim/mergePatch.ts
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var mergePatch = (target, patch) => {
  if (!isObject(patch)) return patch;
  const out = new Map(isObject(target) ? Object.entries(target) : []);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) out.delete(k);
    else out.set(k, mergePatch(out.get(k), v));
  }
  return Object.fromEntries(out);
};

// src/sim/faults.ts
var unreachableKey = "node.kubernetes.io/unreachable";
var notReadyKey = "node.kubernetes.io/not-ready";
var nodeKey = (name) => keyOf("Node", void 0, name);
var fromOutcome = (o) => ({
  result: o.result,
  ...o.ref === void 0 ? {} : { ref: o.ref },
  ...o.detail === void 0 ? {} : { detail: o.detail }
});
var writeNode = (e, node4) => {
  write2(e, keyOfObject(node4), { ...node4, metadata: { ...node4.metadata, resourceVersion: nextRv(e) } });
};
var nodeDown = (e, name) => {
  const node4 = get(e, nodeKey(name));
  if (node4?.kind !== "Node") return { detail: `no node ${name}` };
  const time2 = stamp(e);
  const keep = (node4.spec?.taints ?? []).filter((t6) => t6.key !== unreachableKey);
  const taints = [
    ...keep,
    { key: unreachableKey, effect: "NoSchedule" },
    { key: unreachableKey, effect: "NoExecute", timeAdded: time2 }
  ];
  writeNode(e, {
    ...node4,
    spec: { ...node4.spec, taints },
    status: {
      ...node4.status,
      conditions: setCondition2(
        node4.status?.conditions,
        condition("Ready", "Unknown", time2, "NodeStatusUnknown", "Kubelet stopped posting node status.")
      )
    }
  });
  let failed = 0;
  for (const pod4 of podsOnNode(e.view, name)) {
    const cur = get(e, keyOfObject(pod4));
    if (cur?.kind !== "Pod" || isTerminal(cur)) continue;
    failed += 1;
    const next2 = {
      ...cur,
      metadata: { ...cur.metadata, resourceVersion: nextRv(e) },
      status: {
        ...cur.status,
        phase: "Failed",
        reason: "NodeLost",
        message: `Node ${name} which was running pod ${cur.metadata.name ?? ""} is unresponsive`,
        conditions: setConditions(cur.status?.conditions, [
          condition("ContainersReady", "False", time2, "NodeLost"),
          condition("Ready", "False", time2, "NodeLost")
        ]),
        containerStatuses: (cur.status?.containerStatuses ?? []).map((s) => ({ ...s, ready: false }))
      }
    };
    write2(e, keyOfObject(next2), next2);
  }
  return { detail: `${failed} pod(s) failed` };
};
var nodeUp = (e, name) => {
  const node4 = get(e, nodeKey(name));
  if (node4?.kind !== "Node") return { detail: `no node ${name}` };
  const time2 = stamp(e);
  const taints = (node4.spec?.taints ?? []).filter((t6) => t6.key !== unreachableKey && t6.key !== notReadyKey);
  const { taints: _drop, ...spec } = node4.spec ?? {};
  writeNode(e, {
    ...node4,
    spec: taints.length === 0 ? spec : { ...spec, taints },
    status: {
      ...node4.status,
      conditions: setCondition2(node4.status?.conditions, condition("Ready", "True", time2, "KubeletReady", "kubelet is posting ready status"))
    }
  });
  return {};
};
var externalEdit = (e, target, patch) => {
  const cur = get(e, keyOfRef(target));
  if (cur === void 0) return { result: "rejected", detail: `NotFound: ${target.kind} "${target.name}" not found` };
  const { status: _s, ...body } = cur;
  const { status: _p, ...patchBody } = typeof patch === "object" && patch !== null && !Array.isArray(patch) ? patch : {};
  const merged = mergePatch(body, patchBody);
  const decoded = decodeKind(cur.kind, merged);
  if (E11.isLeft(decoded)) return { result: "rejected", detail: `Invalid: ${decoded.left.message.split("\n").join("; ")}` };
  const edited = decoded.right;
  if (edited.metadata.name !== cur.metadata.name || (edited.metadata.namespace ?? "") !== (cur.metadata.namespace ?? "")) {
    return {
      result: "rejected",
      detail: `BadRequest: the name of the object (${edited.metadata.name ?? ""}) does not match the name on the URL (${cur.metadata.name ?? ""})`
    };
  }
  return fromOutcome(update2(e, edited));
};
var apply = (e, fault) => {
  const report = (() => {
    switch (fault._tag) {
      case "PodCrash":
        return crash(e, keyOf("Pod", fault.namespace, fault.name)) ? {} : { detail: `no running pod ${fault.namespace}/${fault.name}` };
      case "NodeDown":
        return nodeDown(e, fault.name);
      case "NodeUp":
        return nodeUp(e, fault.name);
      case "ExternalDelete":
        return fromOutcome(remove(e, fault.target, fault.propagationPolicy ?? "Background", fault.preconditions));
      case "ExternalEdit":
        return externalEdit(e, fault.target, fault.patch);
      case "ExternalCreate":
        return fromOutcome(create2(e, fault.object));
      case "StaleView": {
        const lag = Math.max(0, Math.min(Math.floor(fault.lag), e.settings.viewHistory - 1));
        e.stale = { lag, rounds: Math.max(0, Math.floor(fault.rounds)) };
        return lag === fault.lag ? {} : { detail: `lag capped at ${lag} rounds` };
      }
      case "DropActions":
        e.drops += Math.max(0, Math.floor(fault.count));
        return {};
      case "ControllerRestart":
        e.expectations = e.expectations.clear();
        return {};
    }
  })();
  record3(e, { _tag: "Fault", time: traceTime(e), fault, ...report });
  commit(e);
};

// src/sim/scheduler.ts
var defaultScheduler = "default-scheduler";
var unschedulableTaint = { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" };
var defaultPodCapacity = 110;
var tolerates = (t6, taint) => {
  if ((t6.effect ?? "") !== "" && t6.effect !== taint.effect) return false;
  if ((t6.key ?? "") !== "" && t6.key !== taint.key) return false;
  const op = t6.operator ?? "";
  if (op === "Exists") return true;
  return (op === "" || op === "Equal") && (t6.value ?? "") === (taint.value ?? "");
};
var toleratedBy = (tolerations2, taint) => (tolerations2 ?? []).some((t6) => tolerates(t6, taint));
var integer2 = /^[+-]?\d+$/;
var requirementMatches = (r, labels2) => {
  const has2 = Object.prototype.hasOwnProperty.call(labels2, r.key);
  const v = has2 ? labels2[r.key] ?? "" : "";
  const values2 = r.values ?? [];
  switch (r.operator) {
    case "In":
      return has2 && values2.includes(v);
    case "NotIn":
      return !has2 || !values2.includes(v);
    case "Exists":
      return has2;
    case "DoesNotExist":
      return !has2;
    case "Gt":
    case "Lt": {
      const bound = values2[0];
      if (!has2 || values2.length !== 1 || bound === void 0 || !integer2.test(v) || !integer2.test(bound)) return false;
      return r.operator === "Gt" ? Number(v) > Number(bound) : Number(v) < Number(bound);
    }
    default:
      return false;
  }
};
var termMatches = (term, node4) => {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels2 = node4.metadata.labels ?? {};
  const fieldSet = { "metadata.name": node4.metadata.name ?? "" };
  return exprs.every((r) => requirementMatches(r, labels2)) && fields.every((r) => r.key === "metadata.name" && requirementMatches(r, fieldSet));
};
var affinityMatches = (pod4, node4) => {
  const labels2 = node4.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod4.spec.nodeSelector ?? {})) if (labels2[k] !== v) return false;
  const required = pod4.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return required === void 0 || required.nodeSelectorTerms.some((t6) => termMatches(t6, node4));
};
var taintsTolerated = (pod4, node4) => {
  const tols = pod4.spec.tolerations;
  if (node4.spec?.unschedulable === true && !toleratedBy(tols, unschedulableTaint)) return false;
  return (node4.spec?.taints ?? []).every((t6) => t6.effect !== "NoSchedule" && t6.effect !== "NoExecute" || toleratedBy(tols, t6));
};
var fitsNode = (pod4, node4) => nodeReady(node4) && affinityMatches(pod4, node4) && taintsTolerated(pod4, node4);
var podCapacity = (node4) => {
  const v = node4.status?.allocatable?.["pods"];
  return v !== void 0 && integer2.test(v) ? Number(v) : defaultPodCapacity;
};
var less2 = (a, b) => a.count < b.count || a.count === b.count && a.name < b.name;
var push = (h, x) => {
  h.push(x);
  let i = h.length - 1;
  while (i > 0) {
    const p = i - 1 >> 1;
    const hp = h[p];
    if (!less2(x, hp)) break;
    h[i] = hp;
    i = p;
  }
  h[i] = x;
};
var pop = (h) => {
  const top = h[0];
  const last = h.pop();
  if (top === void 0 || last === void 0 || h.length === 0) return top;
  let i = 0;
  for (; ; ) {
    const l = 2 * i + 1;
    if (l >= h.length) break;
    const r = l + 1;
    const c = r < h.length && less2(h[r], h[l]) ? r : l;
    const hc = h[c];
    if (!less2(hc, last)) break;
    h[i] = hc;
    i = c;
  }
  h[i] = last;
  return top;
};
var signature = (pod4) => {
  const s = pod4.spec;
  const required = s.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (s.nodeSelector === void 0 && required === void 0 && s.tolerations === void 0) return "";
  return canonicalJson([s.nodeSelector ?? null, required ?? null, s.tolerations ?? null]);
};
var unschedulableMessage = (nodes2) => `0/${nodes2} nodes are available`;
var schedulable = (p) => p.metadata.deletionTimestamp === void 0 && !isTerminal(p) && (p.spec.schedulerName ?? defaultScheduler) === defaultScheduler;
var run3 = (e) => {
  commit(e);
  const view = e.view;
  const pending = podsOnNode(view, "").filter(schedulable);
  if (pending.length === 0) return;
  const ordered = pending.map((pod4) => ({ pod: pod4, prio: pod4.spec.priority ?? 0, created: parse(pod4.metadata.creationTimestamp) ?? 0, key: keyOfObject(pod4) })).sort((a, b) => b.prio - a.prio || a.created - b.created || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const nodes2 = listOf(view, "Node");
  const byName = new Map(nodes2.map((n2) => [n2.metadata.name ?? "", n2]));
  const counts2 = /* @__PURE__ */ new Map();
  const countOf = (name) => {
    let c = counts2.get(name);
    if (c === void 0) {
      c = podsOnNode(view, name).filter((p) => !isTerminal(p)).length;
      counts2.set(name, c);
    }
    return c;
  };
  const heaps = /* @__PURE__ */ new Map();
  const heapFor = (pod4) => {
    const sig = signature(pod4);
    let h = heaps.get(sig);
    if (h === void 0) {
      h = [];
      for (const n2 of nodes2) if (fitsNode(pod4, n2)) push(h, { count: countOf(n2.metadata.name ?? ""), name: n2.metadata.name ?? "" });
      heaps.set(sig, h);
    }
    return h;
  };
  const pick = (h) => {
    for (; ; ) {
      const top = pop(h);
      if (top === void 0) return void 0;
      const c = countOf(top.name);
      if (c !== top.count) {
        push(h, { count: c, name: top.name });
        continue;
      }
      const node4 = byName.get(top.name);
      if (node4 === void 0 || c >= podCapacity(node4)) continue;
      counts2.set(top.name, c + 1);
      push(h, { count: c + 1, name: top.name });
      return top.name;
    }
  };
  const time2 = stamp(e);
  for (const { pod: pod4, key: key2 } of ordered) {
    const node4 = pick(heapFor(pod4));
    if (node4 !== void 0) {
      const bound = {
        ...pod4,
        metadata: { ...pod4.metadata, resourceVersion: nextRv(e) },
        spec: { ...pod4.spec, nodeName: node4 },
        status: { ...pod4.status, conditions: setCondition2(pod4.status?.conditions, condition("PodScheduled", "True", time2)) }
      };
      write2(e, key2, bound);
      if (tracesEnvironment(e)) {
        record3(e, { _tag: "Environment", time: traceTime(e), source: "scheduler", target: of(bound), event: { _tag: "Bound", node: node4 } });
      }
      continue;
    }
    const message = unschedulableMessage(nodes2.length);
    const old = pod4.status?.conditions?.find((c) => c.type === "PodScheduled");
    if (old?.status === "False" && old.reason === "Unschedulable" && old.message === message) continue;
    const marked = {
      ...pod4,
      metadata: { ...pod4.metadata, resourceVersion: nextRv(e) },
      status: {
        ...pod4.status,
        conditions: setCondition2(pod4.status?.conditions, condition("PodScheduled", "False", time2, "Unschedulable", message))
      }
    };
    write2(e, key2, marked);
    if (tracesEnvironment(e)) {
      record3(e, { _tag: "Environment", time: traceTime(e), source: "scheduler", target: of(marked), event: { _tag: "Unschedulable" } });
    }
  }
  commit(e);
};

// src/sim/simulation.ts
var defaultRounds = 1e4;
var defaultSeconds = 86400;
var defaultExpectationKinds = ["ReplicaSet", "ReplicationController", "DaemonSet", "Job"];
var chooseControllers = (options) => {
  const base = options.defaultControllers === false ? {} : controllers;
  const overrides = options.controllers ?? {};
  const out = [];
  for (const kind of Object.keys(base)) {
    const o = overrides[kind];
    const r = o === void 0 ? base[kind] : o;
    if (r !== null && r !== void 0) out.push([kind, r]);
  }
  for (const kind of Object.keys(overrides)) {
    const o = overrides[kind];
    if (!(kind in base) && o !== null && o !== void 0) out.push([kind, o]);
  }
  return out;
};
var nonNegative = (v, d) => v !== void 0 && Number.isFinite(v) && v >= 0 ? v : d;
var make2 = (options) => {
  const startMs = options.start.getTime();
  const settings = {
    startMs,
    startSeconds: nonNegative(options.kubelet?.startSeconds, 1),
    readySeconds: nonNegative(options.kubelet?.readySeconds, 1),
    stopSeconds: nonNegative(options.kubelet?.stopSeconds, 1),
    trace: options.trace ?? "full",
    controllers: chooseControllers(options),
    expectationKinds: options.expectationKinds ?? defaultExpectationKinds,
    viewHistory: Math.max(1, Math.floor(nonNegative(options.viewHistory, 16)))
  };
  const objects = Array.from(options.objects);
  const maxRv = objects.reduce((m, o) => {
    const rv = o.metadata.resourceVersion;
    return rv !== void 0 && /^\d+$/.test(rv) ? Math.max(m, Number(rv)) : m;
  }, 0);
  const empty2 = {
    view: empty,
    now: new Date(startMs),
    trace: [],
    runtime: {
      settings,
      rng: seeded(options.seed ?? 0),
      rv: maxRv,
      ips: 0,
      rounds: 0,
      history: [],
      stale: { lag: 0, rounds: 0 },
      drops: 0,
      expectations: IMap2(),
      requeues: IMap2(),
      kubelet: IMap2(),
      timers: IMap2()
    }
  };
  const e = open(empty2);
  const created2 = format(startMs);
  for (const o of objects) {
    const m = o.metadata;
    const filled = {
      ...o,
      metadata: {
        ...m,
        ...m.uid === void 0 ? { uid: uuid(() => draw(e)) } : {},
        ...m.resourceVersion === void 0 ? { resourceVersion: nextRv(e) } : {},
        ...m.creationTimestamp === void 0 ? { creationTimestamp: created2 } : {},
        ...m.generation === void 0 ? { generation: 1 } : {}
      }
    };
    write2(e, keyOfObject(filled), filled);
  }
  commit(e);
  return close(e, empty2);
};
var consumeRequeues = (e) => {
  for (const [k, t6] of e.requeues) if (t6 <= e.now) e.requeues = e.requeues.remove(k);
};
var round = (e) => {
  commit(e);
  e.changed = false;
  consumeRequeues(e);
  e.history.push({ view: e.view, rv: e.rv });
  if (e.history.length > e.settings.viewHistory) e.history.shift();
  run2(e);
  run3(e);
  run(e);
  commit(e);
  e.rounds += 1;
  return !e.changed;
};
var nextDue2 = (e) => {
  let min = nextDue(e);
  for (const t6 of e.requeues.values()) if (t6 > e.now && (min === void 0 || t6 < min)) min = t6;
  return min;
};
var step = (sim) => {
  const e = open(sim);
  round(e);
  return close(e, sim);
};
var runUntilStable = (sim, budget = {}) => {
  const e = open(sim);
  const maxRounds = budget.rounds ?? defaultRounds;
  const limit = e.now + (budget.seconds ?? defaultSeconds) * 1e3;
  for (let n2 = 0; ; ) {
    if (n2 >= maxRounds) return close(e, sim, "budget");
    const quiet = round(e);
    n2 += 1;
    if (!quiet) continue;
    const t6 = nextDue2(e);
    if (t6 === void 0) return close(e, sim, "fixpoint");
    if (t6 > limit) return close(e, sim, "budget");
    e.now = t6;
  }
};
var advance = (sim, seconds3, budget = {}) => {
  const e = open(sim);
  const end = e.now + Math.max(0, seconds3) * 1e3;
  const maxRounds = budget.rounds ?? defaultRounds;
  for (let n2 = 0; ; ) {
    if (n2 >= maxRounds) return close(e, sim, "budget");
    const quiet = round(e);
    n2 += 1;
    if (!quiet) continue;
    const t6 = nextDue2(e);
    if (t6 !== void 0 && t6 <= end) e.now = t6;
    else if (e.now < end) e.now = end;
    else return close(e, sim);
  }
};
var inject = (sim, fault) => {
  const e = open(sim);
  apply(e, fault);
  return close(e, sim);
};
var nextEventAt = (sim) => {
  const t6 = nextDue2(open(sim));
  return t6 === void 0 ? void 0 : new Date(t6);
};
var isStable = (sim) => {
  const e = open(sim);
  const quiet = round(e);
  return quiet && nextDue2(e) === void 0;
};
var summary = (sim) => {
  const objects = {};
  const pods2 = { pending: 0, running: 0, ready: 0, succeeded: 0, failed: 0, terminating: 0, unscheduled: 0 };
  for (const o of toArray(sim.view)) {
    objects[o.kind] = (objects[o.kind] ?? 0) + 1;
    if (o.kind !== "Pod") continue;
    const phase = o.status?.phase ?? "Pending";
    if (phase === "Running") pods2.running += 1;
    else if (phase === "Succeeded") pods2.succeeded += 1;
    else if (phase === "Failed") pods2.failed += 1;
    else pods2.pending += 1;
    if (isReady(o)) pods2.ready += 1;
    if (o.metadata.deletionTimestamp !== void 0) pods2.terminating += 1;
    if ((o.spec.nodeName ?? "") === "") pods2.unscheduled += 1;
  }
  const sorted2 = Object.fromEntries(Object.entries(objects).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
  return { now: sim.now.toISOString(), rounds: sim.runtime.rounds, objects: sorted2, pods: pods2 };
};

// src/sim/timeline.ts
var statusFields = [
  ["phase", "phase"],
  ["replicas", "replicas"],
  ["readyReplicas", "ready"],
  ["availableReplicas", "available"],
  ["updatedReplicas", "updated"],
  ["currentReplicas", "current"],
  ["unavailableReplicas", "unavailable"],
  ["terminatingReplicas", "terminating"],
  ["desiredNumberScheduled", "desired"],
  ["currentNumberScheduled", "scheduled"],
  ["numberReady", "ready"],
  ["numberAvailable", "available"],
  ["updatedNumberScheduled", "updated"],
  ["numberMisscheduled", "misscheduled"],
  ["active", "active"],
  ["ready", "ready"],
  ["succeeded", "succeeded"],
  ["failed", "failed"],
  ["terminating", "terminating"]
];
var statusSummary = (obj) => {
  const status = obj.status ?? {};
  const parts = [];
  for (const [field, label] of statusFields) {
    const v = status[field];
    if (typeof v === "number" || typeof v === "string") parts.push(`${label} ${v}`);
    else if (Array.isArray(v)) parts.push(`${label} ${v.length}`);
  }
  return parts.join(", ");
};
var showObject = (obj, ref) => {
  if (ref !== void 0) return show(ref);
  const m = obj.metadata;
  const name = m.name ?? `${m.generateName ?? ""}*`;
  return show({ apiVersion: obj.apiVersion, kind: obj.kind, ...m.namespace === void 0 ? {} : { namespace: m.namespace }, name });
};
var seconds2 = (s) => `${Number.isInteger(s) ? s : s.toFixed(1)}s`;
var actionSummary = (a, ref) => {
  switch (a._tag) {
    case "Create":
      return `Create ${showObject(a.object, ref)}`;
    case "Update": {
      const replicas = a.object.spec?.replicas;
      return `Update ${showObject(a.object, ref)}${typeof replicas === "number" ? ` (replicas ${replicas})` : ""}`;
    }
    case "UpdateStatus": {
      const s = statusSummary(a.object);
      return `UpdateStatus ${showObject(a.object, ref)}${s === "" ? "" : ` (${s})`}`;
    }
    case "Delete":
      return `Delete ${show(a.target)}${a.propagationPolicy === void 0 ? "" : ` (${a.propagationPolicy})`}`;
    case "RequeueAfter":
      return `RequeueAfter ${show(a.target)} in ${seconds2(a.seconds)}`;
    case "Event":
      return `Event ${a.type} ${a.reason}: ${a.message}`;
  }
};
var faultSummary = (f) => {
  switch (f._tag) {
    case "PodCrash":
      return `PodCrash Pod ${f.namespace}/${f.name}`;
    case "NodeDown":
    case "NodeUp":
      return `${f._tag} ${f.name}`;
    case "ExternalDelete":
      return `ExternalDelete ${show(f.target)}`;
    case "ExternalEdit":
      return `ExternalEdit ${show(f.target)} ${JSON.stringify(f.patch)}`;
    case "ExternalCreate":
      return `ExternalCreate ${showObject(f.object, void 0)}`;
    case "StaleView":
      return `StaleView lag ${f.lag} for ${f.rounds} round(s)`;
    case "DropActions":
      return `DropActions ${f.count}`;
    case "ControllerRestart":
      return "ControllerRestart";
  }
};
var eventSummary = (target, ev) => {
  const pod4 = show(target);
  switch (ev._tag) {
    case "Bound":
      return `Bind ${pod4} to ${ev.node}`;
    case "Unschedulable":
      return `${pod4} unschedulable`;
    case "Started":
      return `${pod4} Running`;
    case "Ready":
      return `${pod4} Ready`;
    case "Exited":
      return `${pod4} exited with code ${ev.exitCode} (${ev.outcome === "Restarting" ? `restarting after ${seconds2(ev.backoffSeconds ?? 0)}` : ev.outcome})`;
    case "Restarted":
      return `${pod4} restarted (restarts ${ev.restartCount})`;
    case "Stopped":
      return `${pod4} stopped, kept by finalizers`;
    case "Removed":
      return `${pod4} stopped and removed`;
  }
};
var outcome = (result, detail) => {
  if (result === void 0 || result === "applied") return detail === void 0 ? "" : ` (${detail})`;
  return ` \u2192 ${result}${detail === void 0 ? "" : `: ${detail}`}`;
};
var describe2 = (entry) => {
  switch (entry._tag) {
    case "Action":
      return [entry.source, actionSummary(entry.action, entry.ref) + outcome(entry.result, entry.detail)];
    case "Fault": {
      const created2 = entry.fault._tag === "ExternalCreate" && entry.ref !== void 0 ? ` as ${show(entry.ref)}` : "";
      return ["fault", faultSummary(entry.fault) + created2 + outcome(entry.result, entry.detail)];
    }
    case "Environment":
      return [entry.source, eventSummary(entry.target, entry.event)];
  }
};
var isSimulation = (x) => !Array.isArray(x);
var timeline = (x, options = {}) => {
  const trace2 = isSimulation(x) ? x.trace : x;
  if (trace2.length === 0) return "";
  const origin = isSimulation(x) ? x.runtime.settings.startMs : Date.parse(trace2[0]?.time ?? "");
  const rows = trace2.map((entry) => {
    const ms = Date.parse(entry.time);
    const time2 = options.time === "clock" ? entry.time : `+${((ms - origin) / 1e3).toFixed(1)}s`;
    const [source, summary2] = describe2(entry);
    return [time2, source, summary2];
  });
  const tw = rows.reduce((w, r) => Math.max(w, r[0].length), 0);
  const sw = rows.reduce((w, r) => Math.max(w, r[1].length), 0);
  return rows.map(([t6, s, m]) => `${t6.padEnd(tw)}  ${s.padEnd(sw)}  ${m}`).join("\n");
};

// test/sim/fixtures.ts
var start3 = /* @__PURE__ */ new Date("2024-01-01T00:00:00Z");
var node3 = (name, opts = {}) => applyDefaults({
  apiVersion: "v1",
  kind: "Node",
  metadata: { name, labels: { "kubernetes.io/hostname": name, ...opts.labels } },
  spec: {
    ...opts.taints === void 0 ? {} : { taints: opts.taints },
    ...opts.unschedulable === void 0 ? {} : { unschedulable: opts.unschedulable }
  },
  status: {
    conditions: [{ type: "Ready", status: opts.ready ?? "True" }],
    allocatable: { pods: String(opts.pods ?? 110) }
  }
});
var podSpec3 = (extra = {}) => ({
  containers: [{ name: "app", image: "nginx:1.25" }],
  ...extra
});
var pod3 = (name, opts = {}) => applyDefaults({
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name,
    namespace: opts.namespace ?? "default",
    ...opts.labels === void 0 ? {} : { labels: opts.labels },
    ...opts.annotations === void 0 ? {} : { annotations: opts.annotations },
    ...opts.finalizers === void 0 ? {} : { finalizers: opts.finalizers }
  },
  spec: podSpec3(opts.spec)
});
var bareOptions = (objects, extra = {}) => ({
  objects,
  start: start3,
  defaultControllers: false,
  ...extra
});

// ../../tmp/scratch/bench.ts
var [nn, np] = [Number(process.argv[2] ?? 200), Number(process.argv[3] ?? 4e3)];
var nodes = Array.from({ length: nn }, (_, i) => node3(`node-${String(i).padStart(4, "0")}`));
var pods = Array.from({ length: np }, (_, i) => pod3(`pod-${i}`));
var t5 = performance.now();
var s0 = sim_exports.make(bareOptions([...nodes, ...pods], { trace: "none" }));
console.log("make", performance.now() - t5);
t5 = performance.now();
var s1 = sim_exports.step(s0);
console.log("step", performance.now() - t5);
t5 = performance.now();
var s2 = sim_exports.step(s1);
console.log("step2", performance.now() - t5);
t5 = performance.now();
var s3 = sim_exports.runUntilStable(s2);
console.log("run", performance.now() - t5, s3.stopped, sim_exports.summary(s3).pods);
t5 = performance.now();
