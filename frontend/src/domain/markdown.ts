/**
 * A small Markdown subset for message text, parsed into plain data that components render as VNodes and text
 * nodes. There is no path from message text to HTML: the parser never produces markup, only this tree, and the
 * renderer (`MessageText.vue`) creates elements from the node types below, whose text goes in as text.
 *
 * Supported: ```code blocks```, `inline code`, **bold**, *italic* / _italic_, [label](url) and bare URLs, for
 * http(s) URLs only. Anything else (unclosed markers, other schemes, HTML) stays literal text.
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'bold'; children: Inline[] }
  | { type: 'italic'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }

export type Block = { type: 'paragraph'; children: Inline[] } | { type: 'codeBlock'; text: string }

/** Bold inside italic inside bold is plenty; deeper markers stay literal (and parsing stays linear enough). */
const maxDepth = 4
const fence = '```'
const bareUrl = /^https?:\/\/[^\s<>"'`]+/i
const labelledLink = /^\[([^\]\n]{1,300})\]\(([^()\s]{1,2000})\)/
/** Punctuation that usually ends a sentence rather than a URL. */
const trailingPunctuation = /[.,;:!?)\]'"]+$/

/** The URL as the browser will follow it, if it is an absolute http(s) URL; null for anything else. */
export function safeHref(candidate: string): string | null {
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return null
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
}

export function parseMarkdown(text: string): Block[] {
  const blocks: Block[] = []
  let literal = ''
  let rest = text
  while (rest.length > 0) {
    const open = rest.indexOf(fence)
    const close = open < 0 ? -1 : rest.indexOf(fence, open + fence.length)
    if (open < 0 || close < 0) break
    // An info string (```ts) on the fence's own line is not code; a leading or trailing newline is layout.
    const body = rest
      .slice(open + fence.length, close)
      .replace(/^[A-Za-z0-9_+-]*\n/, '')
      .replace(/\n$/, '')
    if (body.trim().length === 0) {
      // An empty fence (a run of backticks) is just text.
      literal += rest.slice(0, close + fence.length)
      rest = rest.slice(close + fence.length)
      continue
    }
    pushParagraph(blocks, literal + rest.slice(0, open))
    literal = ''
    blocks.push({ type: 'codeBlock', text: body })
    rest = rest.slice(close + fence.length).replace(/^\n/, '')
  }
  pushParagraph(blocks, literal + rest)
  return blocks
}

function pushParagraph(blocks: Block[], text: string) {
  const trimmed = text.replace(/^\n+|\n+$/g, '')
  if (trimmed.length > 0) blocks.push({ type: 'paragraph', children: parseInline(trimmed, 0) })
}

/** Inline markup of one paragraph; `depth` counts enclosing bold/italic/link. */
export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = []
  let plain = ''
  const flush = () => {
    if (plain) out.push({ type: 'text', text: plain })
    plain = ''
  }
  let i = 0
  while (i < text.length) {
    const matched = matchAt(text, i, depth)
    if (matched) {
      flush()
      out.push(matched.node)
      i = matched.end
    } else {
      plain += text[i]
      i++
    }
  }
  flush()
  return out
}

function matchAt(text: string, i: number, depth: number): { node: Inline; end: number } | null {
  const c = text[i]
  if (c === '`') {
    const end = text.indexOf('`', i + 1)
    if (end > i + 1) return { node: { type: 'code', text: text.slice(i + 1, end) }, end: end + 1 }
    return null
  }
  if (depth >= maxDepth) return null
  if (c === '*' && text[i + 1] === '*') return delimited(text, i, '**', 'bold', depth)
  if (c === '*') return delimited(text, i, '*', 'italic', depth)
  if (c === '_' && !isWordChar(text[i - 1])) return delimited(text, i, '_', 'italic', depth)
  if (c === '[') return link(text, i, depth)
  if ((c === 'h' || c === 'H') && !isWordChar(text[i - 1])) return autolink(text, i)
  return null
}

/** `**x**`, `*x*`, `_x_`: the marker must hug its text (`2 * 3 * 4` stays literal); `_` must end a word. */
function delimited(text: string, i: number, marker: string, type: 'bold' | 'italic', depth: number) {
  const start = i + marker.length
  if (start >= text.length || /\s/.test(text[start])) return null
  let end = text.indexOf(marker, start + 1)
  while (end >= 0) {
    const hugs = !/\s/.test(text[end - 1])
    const single = marker.length === 2 || text[end + 1] !== marker // `*a**` is not italic `a`
    const wordEnd = marker !== '_' || !isWordChar(text[end + 1])
    if (hugs && single && wordEnd) break
    end = text.indexOf(marker, end + 1)
  }
  if (end < 0) return null
  const children = parseInline(text.slice(start, end), depth + 1)
  return { node: { type, children } as Inline, end: end + marker.length }
}

function link(text: string, i: number, depth: number) {
  const match = labelledLink.exec(text.slice(i))
  if (!match) return null
  const href = /^https?:\/\//i.test(match[2]) ? safeHref(match[2]) : null
  if (!href) return null
  return { node: { type: 'link', href, children: parseInline(match[1], depth + 1) } as Inline, end: i + match[0].length }
}

function autolink(text: string, i: number) {
  const match = bareUrl.exec(text.slice(i))
  if (!match) return null
  const url = match[0].replace(trailingPunctuation, '')
  const href = safeHref(url)
  if (!href || url.length <= 'https://'.length) return null
  return { node: { type: 'link', href, children: [{ type: 'text', text: url }] } as Inline, end: i + url.length }
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_]/u.test(c)
}

/** The message as plain text without markers: for previews, reply excerpts and screen-reader announcements. */
export function plainText(blocks: readonly Block[]): string {
  const inline = (nodes: readonly Inline[]): string =>
    nodes.map((n) => (n.type === 'text' || n.type === 'code' ? n.text : inline(n.children))).join('')
  return blocks.map((b) => (b.type === 'codeBlock' ? b.text : inline(b.children))).join('\n')
}
