/** Offers a file to save, named `fileName`, as a link click would. */
export function downloadBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The download has its own copy once started; the URL is freed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
