import { describe, expect, it } from 'vitest'
import { commonPasswords } from '@/domain/commonPasswords'
import { hasUnsafeCharacters, isName, isPassword, messageContent, rules } from '@/domain/rules'
import serverListText from '../../../src/Grains.Interfaces/Errors/common-passwords.txt?raw'

// The server's bundled list: the form's copy must be part of it, so the form never refuses what the server accepts.
const serverList = new Set(
  serverListText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#')),
)

describe('password rule (NIST 800-63B)', () => {
  it('refuses common breached passwords in any case, like the server', () => {
    expect(isPassword('password')).toBe(false)
    expect(isPassword('Password1')).toBe(false)
    expect(isPassword('12345678')).toBe(false)
  })

  it('needs no composition: long uncommon passwords pass', () => {
    expect(isPassword('correct horse battery staple')).toBe(true)
    expect(isPassword('alllowercasenodigits')).toBe(true)
    expect(isPassword('short')).toBe(false)
    expect(isPassword('x'.repeat(129))).toBe(false)
  })

  it('knows only passwords the server also refuses', () => {
    expect([...commonPasswords].filter((p) => !serverList.has(p))).toEqual([])
  })
})

describe('unsafe characters', () => {
  it('refuses control and bidi-override characters in names', () => {
    for (const hostile of ['evil\u202Egnp.exe', 'a\u2066b', 'bell\u0007', 'c1\u0085', 'two\nlines', 'lone\uD800']) {
      expect(hasUnsafeCharacters(hostile)).toBe(true)
      expect(isName(hostile, rules.roomNameMax)).toBe(false)
    }
    expect(isName('Zoë 山田 👋🏽', rules.roomNameMax)).toBe(true)
  })

  it('keeps what a chat needs in messages and refuses the rest', () => {
    expect(messageContent('第一行\n\tsecond 👨‍👩‍👧 مرحبا').valid).toBe(true)
    expect(messageContent('click \u202Eexe.txt').valid).toBe(false)
    expect(messageContent('nul\u0000').valid).toBe(false)
  })
})
