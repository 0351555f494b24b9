// Pure helpers of the 文件 page, tested with vitest.

/** The GB/T 9704 heading level a body line starts with, as the engine recognises it. */
export function headingLevel(line: string): 1 | 2 | 3 | 4 | null {
  const t = line.trim()
  if (/^[一二三四五六七八九十百零〇]+、/.test(t)) return 1
  if (/^[（(][一二三四五六七八九十百零〇]+[）)]/.test(t)) return 2
  if (/^\d+[.．](?!\d)/.test(t)) return 3
  if (/^[（(]\d+[）)]/.test(t)) return 4
  return null
}

/** A short description of the body for the editor's status line. */
export function bodySummary(body: string): string {
  const lines = body.split('\n').map((l) => l.trim()).filter((l) => l.length > 0)
  const headings = lines.filter((l) => headingLevel(l) !== null).length
  return `${lines.length} 段，其中标题 ${headings} 个`
}

/** An SVG page as an <img> source (data: URL, allowed by the app's CSP, works offline). */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg)
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return `data:image/svg+xml;base64,${btoa(bin)}`
}
