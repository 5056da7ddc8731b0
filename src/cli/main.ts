/**
 * The `kube-reconcile` executable: runs the command and writes its output.
 */
import { runCli } from './run.js'

const r = runCli(process.argv.slice(2))
if (r.out !== '') process.stdout.write(`${r.out}\n`)
if (r.err !== '') process.stderr.write(`${r.err}\n`)
process.exitCode = r.code
