/**
 * Label selectors compiled into predicates over labels (the matcher lives in `api/selector.ts`,
 * which validation shares; core re-exports it).
 */
export * from '../api/selector.js'
