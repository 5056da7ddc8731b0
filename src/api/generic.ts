/**
 * Generic objects: any kind without a codec — a Service, a ConfigMap, a PodDisruptionBudget, an
 * RBAC object, a custom resource. `decode` checks what the API server checks for every object
 * (`apiVersion`, `kind`, `metadata`) and keeps the rest unchanged; the view, the simulated API
 * server and the garbage collector then handle them like any other object (labels, owner
 * references, deletion).
 *
 * The API server knows each kind's scope and name rule from its registry (built-in kinds) or
 * from a CustomResourceDefinition. This module holds that knowledge for the built-in kinds a
 * cluster usually holds (`builtinKinds`); a kind it does not list is a custom resource, taken
 * as namespaced with DNS-1123 subdomain names, as most are.
 */
import type { ObjectMeta } from './meta.js'

declare const genericKind: unique symbol

/**
 * The static type of a generic object's `kind`. At run time it is the kind's string (`Service`,
 * `PodGang`); statically it equals no modelled kind, so that `o.kind === 'Pod'` still narrows a
 * `KubeObject` to a `Pod`. Read it as a plain string (`const kind: string = o.kind`).
 */
export type GenericKind = '*' & { readonly [genericKind]: true }

/**
 * An object of a kind without a codec: `apiVersion`, `kind` and `metadata` as the API server
 * validates them for every object, every other field kept as given.
 */
export interface GenericObject {
  readonly apiVersion: string
  readonly kind: GenericKind
  readonly metadata: ObjectMeta
  readonly [field: string]: unknown
}

/** The fields of a generic object as a caller writes them, `kind` a plain string. */
export interface GenericFields {
  readonly apiVersion: string
  readonly kind: string
  readonly metadata: ObjectMeta
  readonly [field: string]: unknown
}

/**
 * A generic object from its fields, unchecked (use `decode` for input from outside): the one
 * place a custom kind's `kind` string becomes a `GenericKind`.
 *
 * @example
 * import * as assert from 'node:assert'
 * import { genericObject } from 'kube-reconcile'
 *
 * const gang = genericObject({ apiVersion: 'example.com/v1', kind: 'PodGang', metadata: { name: 'g', namespace: 'default' }, spec: { size: 3 } })
 * assert.strictEqual(String(gang.kind), 'PodGang')
 */
export const genericObject = (fields: GenericFields): GenericObject => fields as unknown as GenericObject

/** How the API server validates the names of a kind (upstream's `ValidateNameFunc` of its strategy). */
export type NameRule = 'subdomain' | 'dns1035Label' | 'dns1123Label' | 'pathSegment'

/** What the API server's registry knows of a built-in kind without a codec here. */
export interface BuiltinKind {
  /** The API group (`''` for the core group). */
  readonly group: string
  readonly namespaced: boolean
  readonly name: NameRule
}

const ns = (group: string, name: NameRule = 'subdomain'): BuiltinKind => ({ group, namespaced: true, name })
const cluster = (group: string, name: NameRule = 'subdomain'): BuiltinKind => ({ group, namespaced: false, name })
const rbac = 'rbac.authorization.k8s.io'
const admission = 'admissionregistration.k8s.io'

/**
 * The built-in kinds of Kubernetes v1.33 that have no codec here, with their scope and name
 * rule (upstream `pkg/registry/*` strategies and `pkg/apis/*\/validation`).
 */
export const builtinKinds: Readonly<Record<string, BuiltinKind>> = {
  Service: ns('', 'dns1035Label'),
  ConfigMap: ns(''),
  Secret: ns(''),
  ServiceAccount: ns(''),
  Endpoints: ns(''),
  Event: ns(''),
  LimitRange: ns(''),
  ResourceQuota: ns(''),
  PodTemplate: ns(''),
  Binding: ns(''),
  Namespace: cluster('', 'dns1123Label'),
  PersistentVolume: cluster(''),
  ComponentStatus: cluster(''),
  EndpointSlice: ns('discovery.k8s.io'),
  Ingress: ns('networking.k8s.io'),
  NetworkPolicy: ns('networking.k8s.io'),
  IngressClass: cluster('networking.k8s.io'),
  IPAddress: cluster('networking.k8s.io'),
  ServiceCIDR: cluster('networking.k8s.io'),
  PodDisruptionBudget: ns('policy'),
  HorizontalPodAutoscaler: ns('autoscaling'),
  Role: ns(rbac, 'pathSegment'),
  RoleBinding: ns(rbac, 'pathSegment'),
  ClusterRole: cluster(rbac, 'pathSegment'),
  ClusterRoleBinding: cluster(rbac, 'pathSegment'),
  Lease: ns('coordination.k8s.io'),
  CSIStorageCapacity: ns('storage.k8s.io'),
  StorageClass: cluster('storage.k8s.io'),
  CSIDriver: cluster('storage.k8s.io'),
  CSINode: cluster('storage.k8s.io'),
  VolumeAttachment: cluster('storage.k8s.io'),
  VolumeAttributesClass: cluster('storage.k8s.io'),
  PriorityClass: cluster('scheduling.k8s.io'),
  RuntimeClass: cluster('node.k8s.io'),
  CustomResourceDefinition: cluster('apiextensions.k8s.io'),
  APIService: cluster('apiregistration.k8s.io', 'pathSegment'),
  MutatingWebhookConfiguration: cluster(admission),
  ValidatingWebhookConfiguration: cluster(admission),
  ValidatingAdmissionPolicy: cluster(admission),
  ValidatingAdmissionPolicyBinding: cluster(admission),
  MutatingAdmissionPolicy: cluster(admission),
  MutatingAdmissionPolicyBinding: cluster(admission),
  CertificateSigningRequest: cluster('certificates.k8s.io'),
  ClusterTrustBundle: cluster('certificates.k8s.io'),
  FlowSchema: cluster('flowcontrol.apiserver.k8s.io'),
  PriorityLevelConfiguration: cluster('flowcontrol.apiserver.k8s.io'),
  DeviceClass: cluster('resource.k8s.io'),
  ResourceSlice: cluster('resource.k8s.io'),
  ResourceClaim: ns('resource.k8s.io'),
  ResourceClaimTemplate: ns('resource.k8s.io'),
}

/** The group of an `apiVersion` (`apps/v1` → `apps`, `v1` → `''`). */
const groupOf = (apiVersion: string): string => {
  const i = apiVersion.indexOf('/')
  return i < 0 ? '' : apiVersion.slice(0, i)
}

/** The built-in kind `kind` names in `apiVersion`'s group, if any (a kind of another group is a custom resource). */
const builtinKind = (apiVersion: string, kind: string): BuiltinKind | undefined => {
  const b = Object.prototype.hasOwnProperty.call(builtinKinds, kind) ? builtinKinds[kind] : undefined
  return b !== undefined && b.group === groupOf(apiVersion) ? b : undefined
}

/** The scope and name rule the API server holds objects of this kind to; custom resources: namespaced, subdomain names. */
export const genericRules = (apiVersion: string, kind: string): { readonly namespaced: boolean; readonly name: NameRule } => {
  const b = builtinKind(apiVersion, kind)
  return b === undefined ? { namespaced: true, name: 'subdomain' } : { namespaced: b.namespaced, name: b.name }
}

/**
 * What the API server fills in on every object (`BeforeCreate`): a namespaced object without a
 * namespace goes to `default`; a cluster-scoped object's namespace is cleared.
 */
export const genericDefaults = (o: GenericObject): GenericObject => {
  const namespace = o.metadata.namespace ?? ''
  if (genericRules(o.apiVersion, o.kind).namespaced) return namespace === '' ? { ...o, metadata: { ...o.metadata, namespace: 'default' } } : o
  if (o.metadata.namespace === undefined) return o
  const { namespace: _cleared, ...metadata } = o.metadata
  return { ...o, metadata }
}
