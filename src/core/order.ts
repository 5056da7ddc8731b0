/**
 * The one object ordering the simulation and the CLI share: by namespace, then name, comparing
 * UTF-16 code units (never the locale), so every run lists objects alike.
 */
import type { KubeObject } from '../api/object.js'

/** Compares two strings by code units: negative, zero or positive. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Orders objects by namespace, then name. */
export const byNamespaceName = (a: KubeObject, b: KubeObject): number =>
  compareStrings(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compareStrings(a.metadata.name ?? '', b.metadata.name ?? '')

/** Orders objects by creation time, then name (RFC 3339 strings of one form compare as times). */
export const byCreation = (a: KubeObject, b: KubeObject): number =>
  compareStrings(a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? '') || compareStrings(a.metadata.name ?? '', b.metadata.name ?? '')
