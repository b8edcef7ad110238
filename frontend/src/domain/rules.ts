import { commonPasswords } from './commonPasswords'

/**
 * The input rules of docs/PROTOCOL.md ("Identity and limits"), mirrored from the server's `ChatRules` so
 * that forms say what is wrong before a round trip. The server checks again; its word is final.
 */
export const rules = {
  usernamePattern: /^[A-Za-z0-9_.-]{3,32}$/,
  usernameMin: 3,
  usernameMax: 32,
  passwordMin: 8,
  passwordMax: 128,
  emailMax: 254,
  roomIdPattern: /^[a-z0-9_-]{1,64}$/,
  roomIdMax: 64,
  roomNameMax: 100,
  roomDescriptionMax: 500,
  displayNameMax: 64,
  avatarMax: 1024,
  contentMax: 4000,
} as const

/**
 * Characters the server refuses (its `UnsafeText`): C0/C1 control characters, bidi embeddings/overrides/isolates
 * (U+202A-U+202E, U+2066-U+2069) and unpaired surrogates. Message text and descriptions may keep \n, \r and \t.
 */
export function hasUnsafeCharacters(value: string, allowLineBreaksAndTabs = false): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++
        continue
      }
    }
    if (c === 0x0a || c === 0x0d || c === 0x09) {
      if (!allowLineBreaksAndTabs) return true
      continue
    }
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true
    if (c >= 0xd800 && c <= 0xdfff) return true
  }
  return false
}

/** A room name or display name the server accepts: 1..max characters once trimmed, no unsafe character. */
export function isName(value: string, max: number): boolean {
  const trimmed = value.trim()
  return trimmed.length > 0 && trimmed.length <= max && !hasUnsafeCharacters(trimmed)
}

export function isUsername(value: string): boolean {
  return rules.usernamePattern.test(value)
}

/** NIST SP 800-63B: 8-128 characters and not a common (breached) password; no composition rules. */
export function isPassword(value: string): boolean {
  return value.length >= rules.passwordMin && value.length <= rules.passwordMax && !commonPasswords.has(value.toLowerCase())
}

/** Same shape the server accepts: local@domain.tld, no spaces, a dot after the @, not at the end. */
export function isEmail(value: string): boolean {
  if (value.length > rules.emailMax || value.trim() !== value) return false
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && !value.endsWith('.')
}

export function isRoomId(value: string): boolean {
  return rules.roomIdPattern.test(value)
}

/** Empty clears the avatar; otherwise an absolute http(s) URL. */
export function isAvatarUrl(value: string): boolean {
  const trimmed = value.trim()
  if (trimmed === '') return true
  if (trimmed.length > rules.avatarMax) return false
  try {
    const url = new URL(trimmed)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/** What the server will store for a message: trimmed, 1-4000 UTF-16 code units (JavaScript's length). */
export function messageContent(text: string): { content: string; valid: boolean; tooLong: boolean } {
  const content = text.trim()
  const tooLong = content.length > rules.contentMax
  return { content, valid: content.length > 0 && !tooLong && !hasUnsafeCharacters(content, true), tooLong }
}
