import type { FormItemRule } from 'element-plus'
import { isAvatarUrl, isEmail, isName, isPassword, isRoomId, isUsername, rules } from '@/domain/rules'
import { t, type MessageKey } from '@/i18n'

type Check = (value: string) => boolean

/** A form rule from a predicate; the message is looked up when shown, so it follows the language. */
function check(predicate: Check, key: MessageKey, params?: Record<string, number>): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_rule, value: unknown, callback) => {
      if (predicate(String(value ?? ''))) callback()
      else callback(new Error(t(key, params)))
    },
  }
}

const required = (): FormItemRule => check((v) => v.trim().length > 0, 'rules.required')

/** Element Plus form rules for the contract's input rules (docs/PROTOCOL.md, "Identity and limits"). */
export const formRules = {
  required: () => [required()],
  username: () => [required(), check(isUsername, 'rules.username')],
  password: () => [required(), check(isPassword, 'rules.password')],
  email: () => [required(), check(isEmail, 'rules.email')],
  optionalEmail: () => [check((v) => v === '' || isEmail(v), 'rules.email')],
  roomName: () => [required(), check((v) => isName(v, rules.roomNameMax), 'rules.roomName')],
  optionalRoomId: () => [check((v) => v === '' || isRoomId(v), 'rules.roomId')],
  maxLength: (max: number) => [check((v) => v.trim().length <= max, 'rules.maxLength', { max })],
  avatar: () => [check(isAvatarUrl, 'rules.avatar')],
  sameAs: (other: () => string) => [required(), check((v) => v === other(), 'rules.passwordMismatch')],
}
