import { ref, type Ref } from 'vue'
import type { FormInstance } from 'element-plus'
import { errorText } from './errorText'

export interface FormSubmitOptions {
  /** Words for a refusal (a form that knows better than the generic text, e.g. "wrong username or password"). */
  describe?: (error: unknown) => string
  /** Shown before the first submit (e.g. why the user was sent back to sign in). */
  initialError?: string
}

/**
 * The submit of a form (a dialog, the sign-in and registration pages): the fields are checked before anything is
 * sent, `busy` is true while `action` runs (the submit button shows it), and a refusal is kept in `serverError` for
 * the form to show. `reset` clears the error and the fields' marks (for when a dialog closes).
 */
export function useFormSubmit(formRef: Ref<FormInstance | undefined>, action: () => Promise<void>, options: FormSubmitOptions = {}) {
  const describe = options.describe ?? errorText
  const busy = ref(false)
  const serverError = ref(options.initialError ?? '')

  async function submit() {
    if (!(await formRef.value?.validate().catch(() => false))) return
    busy.value = true
    serverError.value = ''
    try {
      await action()
    } catch (error) {
      serverError.value = describe(error)
    } finally {
      busy.value = false
    }
  }

  function reset() {
    serverError.value = ''
    formRef.value?.clearValidate()
  }

  return { busy, serverError, submit, reset }
}
