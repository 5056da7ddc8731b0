/**
 * The kube-controller-manager feature gates that change what a controller does. Each is off
 * unless set; the defaults are upstream's for the release modelled (v1.33+), and the guide page
 * of the controller concerned names them.
 */

/** Feature gates, by upstream name. */
export interface FeatureGates {
  /**
   * StatefulSet rolling updates replace up to `maxUnavailable` pods at once. Alpha, off; turned
   * on by default in v1.35, found to regress and reverted to off (the StatefulSet guide).
   */
  readonly MaxUnavailableStatefulSet?: boolean
}
