/**
 * A small, strict XML reader for the chart tests: elements, attributes (quoted), text and the
 * five predefined entities; anything else (a stray `<`, an unclosed or mismatched tag, a bare
 * `&`, a duplicate attribute) throws.
 */

/** An element: its name, attributes, children and text. */
export interface XmlElement {
  readonly name: string
  readonly attributes: Readonly<Record<string, string>>
  readonly children: ReadonlyArray<XmlElement>
  readonly text: string
}

const entities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

const unescape = (s: string): string => {
  if (/&(?!(amp|lt|gt|quot|apos);)/.test(s)) throw new Error(`bare & in ${JSON.stringify(s.slice(0, 40))}`)
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => entities[e] ?? '')
}

/** Parses `text`, which must hold exactly one root element. */
export const parseXml = (text: string): XmlElement => {
  let i = 0
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${i}`)
  }
  const element = (): XmlElement => {
    const open = /^<([A-Za-z][\w:.-]*)/.exec(text.slice(i))
    if (open === null) return fail('expected an element')
    const name = open[1] ?? ''
    i += open[0].length
    const attributes: Record<string, string> = {}
    for (;;) {
      const attr = /^\s+([A-Za-z_:][\w:.-]*)="([^"<]*)"/.exec(text.slice(i))
      if (attr === null) break
      const key = attr[1] ?? ''
      if (key in attributes) fail(`duplicate attribute ${key}`)
      attributes[key] = unescape(attr[2] ?? '')
      i += attr[0].length
    }
    const end = /^\s*(\/?)>/.exec(text.slice(i))
    if (end === null) return fail(`bad start tag <${name}`)
    i += end[0].length
    if (end[1] === '/') return { name, attributes, children: [], text: '' }
    const children: Array<XmlElement> = []
    let content = ''
    for (;;) {
      const lt = text.indexOf('<', i)
      if (lt < 0) return fail(`unclosed <${name}>`)
      content += text.slice(i, lt)
      i = lt
      if (text.startsWith('</', i)) {
        const close = /^<\/([A-Za-z][\w:.-]*)\s*>/.exec(text.slice(i))
        if (close === null || close[1] !== name) return fail(`expected </${name}>`)
        i += close[0].length
        return { name, attributes, children, text: unescape(content) }
      }
      children.push(element())
    }
  }
  const root = element()
  if (text.slice(i).trim() !== '') fail('text after the root element')
  return root
}

/** Every element under `e` (itself included), depth first. */
export const allElements = (e: XmlElement): ReadonlyArray<XmlElement> => [e, ...e.children.flatMap(allElements)]

/** The elements under `e` whose `class` attribute holds `cls`. */
export const byClass = (e: XmlElement, cls: string): ReadonlyArray<XmlElement> =>
  allElements(e).filter((x) => (x.attributes['class'] ?? '').split(' ').includes(cls))
