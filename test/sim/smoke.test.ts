import { it } from 'vitest'
import { Sim, bareOptions, node, pod } from './fixtures.js'
it('smoke', () => {
  for (const [nn, np] of [[200, 4000], [400, 8000]] as const) {
  const nodes = Array.from({ length: nn }, (_, i) => node(`node-${String(i).padStart(3, '0')}`))
  const pods = Array.from({ length: np }, (_, i) => pod(`pod-${i}`))
  let t = performance.now()
  const s0 = Sim.make(bareOptions([...nodes, ...pods], { trace: 'none' }))
  console.log('make', performance.now() - t); t = performance.now()
  const s1 = Sim.step(s0)
  console.log('step', performance.now() - t); t = performance.now()
  const s2 = Sim.step(s1)
  console.log('step2', performance.now() - t); t = performance.now()
  Sim.runUntilStable(s2)
  console.log('run', performance.now() - t); t = performance.now()
  }
})
