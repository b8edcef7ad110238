import { ref, type Ref } from 'vue'
import type { FormInstance } from 'element-plus'
import { errorText } from './errorText'

/**
 * The submit of a form dialog: the fields are checked before anything is sent, `busy` is true while `action` runs
 * (the submit button shows it), and a refusal is kept in `serverError` for the dialog to show. `reset` clears the
 * error and the fields' marks (for when the dialog closes).
 */
export function useFormSubmit(formRef: Ref<FormInstance | undefined>, action: () => Promise<void>) {
  const busy = ref(false)
  const serverError = ref('')

  async function submit() {
    if (!(await formRef.value?.validate().catch(() => false))) return
    busy.value = true
    serverError.value = ''
    try {
      await action()
    } catch (error) {
      serverError.value = errorText(error)
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
