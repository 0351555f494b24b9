// Which pages of a laid-out document the preview draws, and the drawings it keeps: pure logic of
// PagedPreview.vue, tested with vitest.

/**
 * The pages to draw: those in view and `around` pages either side, the ones in view first (in
 * order), then the neighbours nearest to them. Indexes are 0-based and below `count`.
 */
export function pagesWanted(inView: Iterable<number>, count: number, around = 1): number[] {
  const shown = [...new Set(inView)].filter((i) => i >= 0 && i < count).sort((a, b) => a - b)
  const out = [...shown]
  for (let d = 1; d <= around; d++) {
    for (const i of shown) {
      for (const j of [i + d, i - d]) {
        if (j >= 0 && j < count && !out.includes(j)) out.push(j)
      }
    }
  }
  return out
}

/**
 * Drawings by page key, the most recently used kept up to `limit`; a drawing still on screen
 * (in `pinned`) is never dropped. `drop` is told of each one let go (to revoke its blob URL).
 */
export class PageCache<T> {
  private items = new Map<string, T>()
  constructor(private limit: number, private drop: (v: T) => void = () => {}) {}

  get(key: string): T | undefined {
    const v = this.items.get(key)
    if (v !== undefined) {
      this.items.delete(key)
      this.items.set(key, v)
    }
    return v
  }

  has(key: string): boolean {
    return this.items.has(key)
  }

  get size(): number {
    return this.items.size
  }

  set(key: string, v: T, pinned: Set<string> = new Set()) {
    this.items.delete(key)
    this.items.set(key, v)
    for (const [k, old] of this.items) {
      if (this.items.size <= this.limit) break
      if (k === key || pinned.has(k)) continue
      this.items.delete(k)
      this.drop(old)
    }
  }

  clear() {
    for (const v of this.items.values()) this.drop(v)
    this.items.clear()
  }
}
