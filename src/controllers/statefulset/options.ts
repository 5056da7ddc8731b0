/**
 * The options of the StatefulSet controller: the feature gates upstream's controller reads
 * (`MaxUnavailableStatefulSet`, off by default).
 */
import type { FeatureGates } from '../../core/featureGates.js'

/** What `reconcileWith` and `controllerWith` take. */
export interface Options {
  readonly featureGates?: FeatureGates
}

/** True when the MaxUnavailableStatefulSet gate is on. */
export const maxUnavailableGate = (options: Options): boolean => options.featureGates?.MaxUnavailableStatefulSet === true
