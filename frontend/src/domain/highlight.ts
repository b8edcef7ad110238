/** A piece of text and whether it matches the search. */
export interface Segment {
  text: string
  hit: boolean
}

/**
 * Splits `text` around every case-insensitive occurrence of the query's terms (split on white space; Chinese
 * text has no spaces, so a Chinese query is one term and matches as a substring). Components render hits as
 * `<mark>` elements holding text nodes: never markup built from the text.
 */
export function highlight(text: string, query: string): Segment[] {
  const terms = [...new Set(query.toLowerCase().split(/\s+/).filter((t) => t.length > 0))].sort((a, b) => b.length - a.length)
  if (terms.length === 0 || text.length === 0) return text ? [{ text, hit: false }] : []
  const lower = text.toLowerCase()
  const segments: Segment[] = []
  let plainFrom = 0
  let i = 0
  while (i < text.length) {
    // toLowerCase keeps the length for the scripts chat uses; a term that would straddle a change is just missed.
    const term = terms.find((t) => lower.startsWith(t, i))
    if (!term) {
      i++
      continue
    }
    if (i > plainFrom) segments.push({ text: text.slice(plainFrom, i), hit: false })
    segments.push({ text: text.slice(i, i + term.length), hit: true })
    i += term.length
    plainFrom = i
  }
  if (plainFrom < text.length) segments.push({ text: text.slice(plainFrom), hit: false })
  return segments
}
