/**
 * The `kube-reconcile` executable: runs the command and writes its output. A reader that
 * closes the pipe early (`kube-reconcile simulate … | head`) ends the command quietly, with
 * exit code 0, as Unix tools do.
 */
import { runCli } from './run.js'

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e
    process.exit(0)
  })
}

const r = runCli(process.argv.slice(2))
if (r.out !== '') process.stdout.write(`${r.out}\n`)
if (r.err !== '') process.stderr.write(`${r.err}\n`)
process.exitCode = r.code
