import { computed, onBeforeUnmount, reactive } from 'vue'
import { ApiError, chatApi } from '@/api'
import type { Attachment } from '@/api/types'
import { formatSize } from '@/domain/messageEdits'
import { t } from '@/i18n'
import { notify } from '@/services/notify'

/** The server's default limit (docs/PROTOCOL.md); a bigger file is refused before a byte leaves the browser. */
export const maxUploadBytes = 10 * 1024 * 1024
/** The contract's bound on attachments per message. */
export const maxAttachments = 10

export interface Upload {
  key: number
  name: string
  size: number
  /** 0..1 of the bytes sent. */
  progress: number
  /** A local preview of an image, before and after it is stored. */
  previewUrl?: string
  /** Set once the server stored it: what the send refers to. */
  attachment?: Attachment
  abort: AbortController
}

/**
 * Files the composer is sending: each upload starts at once (paste, drop or pick), shows its progress, and the
 * message refers to the stored attachments when it is sent. A refused or failed upload is dropped with a toast.
 */
export function useUploads() {
  const uploads = reactive<Upload[]>([])
  let nextKey = 0

  const busy = computed(() => uploads.some((u) => !u.attachment))
  const attachments = computed(() => uploads.flatMap((u) => (u.attachment ? [u.attachment] : [])))

  function add(files: Iterable<File>) {
    for (const file of files) {
      const name = file.name || 'pasted-image.png'
      if (uploads.length >= maxAttachments) {
        notify().error(t('upload.tooMany', { max: maxAttachments }))
        break
      }
      if (file.size > maxUploadBytes) {
        notify().error(t('upload.tooLarge', { name, max: formatSize(maxUploadBytes) }))
        continue
      }
      const upload: Upload = reactive({
        key: nextKey++,
        name,
        size: file.size,
        progress: 0,
        previewUrl: file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined,
        abort: new AbortController(),
      })
      uploads.push(upload)
      chatApi()
        .uploadAttachment(file, name, (sent, total) => (upload.progress = total > 0 ? sent / total : 0), upload.abort.signal)
        .then(
          (attachment) => {
            upload.progress = 1
            upload.attachment = attachment
          },
          (error: unknown) => {
            if (!upload.abort.signal.aborted) {
              notify().error(t('upload.failed', { name, reason: error instanceof ApiError ? error.message : String(error) }))
            }
            remove(upload.key)
          },
        )
    }
  }

  function remove(key: number) {
    const at = uploads.findIndex((u) => u.key === key)
    if (at < 0) return
    const [upload] = uploads.splice(at, 1)
    upload.abort.abort()
    if (upload.previewUrl) URL.revokeObjectURL(upload.previewUrl)
  }

  /** After a send: the stored files now belong to the message. */
  function clear() {
    for (const upload of [...uploads]) remove(upload.key)
  }

  onBeforeUnmount(clear)

  return { uploads, busy, attachments, add, remove, clear }
}
