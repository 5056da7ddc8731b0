/**
 * Rollback through the `deprecated.deployment.rollback.to` annotation (spec §3.9, upstream
 * `rollback.go`).
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Deployment, ReplicaSet } from '../../api/workloads.js'
import { withoutHashLabel } from '../../core/hash.js'
import { revisionOf, rollbackAnnotations, rollbackToAnnotation } from './annotations.js'
import { allOf, equalIgnoreHash, getAllReplicaSetsAndSyncRevision, lastRevision } from './newReplicaSet.js'
import type { AllReplicaSets } from './newReplicaSet.js'
import type { Sync } from './plan.js'
import * as P from './plan.js'

/** Event reason: the Deployment was rolled back. */
export const rollbackDoneReason = 'DeploymentRollback'
/** Event reason: the requested revision does not exist. */
export const rollbackRevisionNotFoundReason = 'DeploymentRollbackRevisionNotFound'
/** Event reason: the requested revision has the current template. */
export const rollbackTemplateUnchangedReason = 'DeploymentRollbackTemplateUnchanged'

const withoutRollbackRequest = (d: Deployment): Deployment => {
  const { [rollbackToAnnotation]: _drop, ...annotations } = d.metadata.annotations ?? {}
  return { ...d, metadata: { ...d.metadata, annotations } }
}

/** Upstream `updateDeploymentAndClearRollbackTo`: drop the request and Update the Deployment. */
const clearAndUpdate = (s: Sync): Sync => P.writeDeployment(P.setDeployment(s, withoutRollbackRequest(s.d)))

/** The Deployment with the ReplicaSet's template (hash label removed) and annotations (upstream `SetFromReplicaSetTemplate` + `SetDeploymentAnnotationsTo`). */
export const rolledBackTo = (d: Deployment, rs: ReplicaSet): Deployment => {
  const template = rs.spec.template === undefined ? d.spec.template : withoutHashLabel(rs.spec.template)
  return {
    ...d,
    metadata: { ...d.metadata, annotations: rollbackAnnotations(d, rs) },
    spec: { ...d.spec, template },
  }
}

/**
 * Upstream `rollback`: find or create the new ReplicaSet first, resolve revision 0 to the
 * previous one (`lastRevision`), then copy the matching ReplicaSet's template and annotations
 * into the Deployment (or warn that it is unchanged or not found), always clearing the request
 * with an Update.
 */
export const rollback = (s0: Sync, requested: number): Sync =>
  pipe(
    getAllReplicaSetsAndSyncRevision(s0, true),
    E.map(([s, all]: readonly [Sync, AllReplicaSets]): Sync => {
      const allRSs = allOf(all)
      const target = requested === 0 ? lastRevision(allRSs) : requested
      if (target === 0) {
        return clearAndUpdate(P.event(s, 'Warning', rollbackRevisionNotFoundReason, 'Unable to find last revision.'))
      }
      const rs = allRSs.find((x) => revisionOf(x) === target)
      if (rs === undefined) {
        return clearAndUpdate(
          P.event(s, 'Warning', rollbackRevisionNotFoundReason, 'Unable to find the revision to rollback to.'),
        )
      }
      const name = s.d.metadata.name ?? ''
      if (equalIgnoreHash(s.d.spec.template, rs.spec.template)) {
        return clearAndUpdate(
          P.event(
            s,
            'Warning',
            rollbackTemplateUnchangedReason,
            `The rollback revision contains the same template as current deployment "${name}"`,
          ),
        )
      }
      const updated = clearAndUpdate(P.setDeployment(s, rolledBackTo(s.d, rs)))
      return P.event(updated, 'Normal', rollbackDoneReason, `Rolled back deployment "${name}" to revision ${target}`)
    }),
    E.getOrElse((stopped: Sync) => stopped),
  )
