import { ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message-box/style/css'
import { t } from '@/i18n'

/**
 * Asks before something that cannot be undone (leave, remove a member, delete a room). Resolves true only when the
 * user confirmed; Escape, Cancel and the close button all mean no.
 */
export async function confirmAction(message: string, title: string, confirmText: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, {
      confirmButtonText: confirmText,
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: 'el-button--danger',
      type: 'warning',
      autofocus: false,
    })
    return true
  } catch {
    return false
  }
}
