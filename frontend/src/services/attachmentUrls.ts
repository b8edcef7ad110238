import { chatApi } from '@/api'

/**
 * Object URLs of downloaded attachments, once per id for the tab's life: an `<img>` cannot send the bearer token,
 * so the bytes are fetched with it and shown from a `blob:` URL (which also never runs as a page of our origin).
 */
const urls = new Map<string, Promise<string>>()

export function attachmentUrl(id: string): Promise<string> {
  let url = urls.get(id)
  if (!url) {
    url = chatApi()
      .downloadAttachment(id)
      .then((blob) => URL.createObjectURL(blob))
    // A failure is not remembered: the next view tries again.
    url.catch(() => urls.delete(id))
    urls.set(id, url)
  }
  return url
}

/** Saves an attachment under its own name. */
export async function downloadAttachment(id: string, fileName: string): Promise<void> {
  const link = document.createElement('a')
  link.href = await attachmentUrl(id)
  link.download = fileName
  link.rel = 'noopener'
  link.click()
}

/** Signing out forgets every file. */
export function releaseAttachmentUrls(): void {
  for (const url of urls.values()) void url.then((u) => URL.revokeObjectURL(u), () => undefined)
  urls.clear()
}
