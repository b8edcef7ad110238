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

export function isUsername(value: string): boolean {
  return rules.usernamePattern.test(value)
}

export function isPassword(value: string): boolean {
  return value.length >= rules.passwordMin && value.length <= rules.passwordMax
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
  return { content, valid: content.length > 0 && !tooLong, tooLong }
}
