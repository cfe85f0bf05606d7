/**
 * A symmetric tour as a cyclic array with a position index, for the single-van fast path.
 * succ/pred are O(1); a 2-opt move reverses the shorter side of the cycle (orientation does
 * not matter when the matrix is symmetric). Every reversal is journaled by position, so an
 * iteration that did not pay off is undone in the time it took, not in O(n).
 */

export class ArrayTour {
  readonly order: Int32Array
  readonly pos: Int32Array
  readonly size: number
  /** Position reversals since the last mark, as (start, length) pairs. */
  private journal: number[] = []

  constructor(cities: ArrayLike<number>) {
    this.size = cities.length
    this.order = Int32Array.from(cities)
    this.pos = new Int32Array(this.size)
    for (let i = 0; i < this.size; i++) this.pos[this.order[i]!] = i
  }

  succ(c: number): number {
    const i = this.pos[c]! + 1
    return this.order[i === this.size ? 0 : i]!
  }

  pred(c: number): number {
    const i = this.pos[c]!
    return this.order[i === 0 ? this.size - 1 : i - 1]!
  }

  /** Reverses `len` positions starting at position `start` (cyclically) and journals it. */
  reversePositions(start: number, len: number): void {
    const T = this.size
    const { order, pos } = this
    let i = start
    let j = start + len - 1
    if (j >= T) j -= T
    for (let k = len >> 1; k > 0; k--) {
      const a = order[i]!
      const b = order[j]!
      order[i] = b
      pos[b] = i
      order[j] = a
      pos[a] = j
      if (++i === T) i = 0
      if (--j < 0) j = T - 1
    }
    this.journal.push(start, len)
  }

  /** Reverses the path from city f forward to city t, or the rest of the cycle if that is shorter. */
  reversePath(f: number, t: number): void {
    const T = this.size
    const i = this.pos[f]!
    let len = this.pos[t]! - i + 1
    if (len <= 0) len += T
    if (2 * len <= T) this.reversePositions(i, len)
    else if (len < T) {
      // the complement, from succ(t) to pred(f), gives the same cycle
      const s = this.pos[t]! + 1
      this.reversePositions(s === T ? 0 : s, T - len)
    }
  }

  /**
   * Removes edges {x1,x2} and {y1,y2} and adds {x1,y1} and {x2,y2}; the four must lie on
   * the cycle as x1 x2 ... y1 y2 in one direction or the other (y2 follows from the others;
   * callers pass it so that a call reads as the move it makes).
   */
  twoOpt(x1: number, x2: number, y1: number, _y2: number): void {
    if (this.succ(x1) === x2) this.reversePath(x2, y1)
    else this.reversePath(y1, x2)
  }

  /**
   * Moves the path s1..s2 (with p before s1 and nx after s2) between the adjacent cities x
   * and y (y following x in the same reading), as x s1..s2 y, or x s2..s1 y when `reversed`.
   * Done as two or three 2-opt moves, so it needs no case for where x lies.
   */
  moveSegment(s1: number, s2: number, p: number, nx: number, x: number, y: number, reversed: boolean): void {
    if (y === p) {
      // read the cycle the other way round: then x is right after the segment
      this.moveSegment(s2, s1, nx, p, y, x, reversed)
      return
    }
    this.twoOpt(p, s1, x, y) // p x ... nx s2..s1 y
    if (x !== nx) this.twoOpt(p, x, nx, s2) // p nx ... x s2..s1 y
    if (!reversed && s1 !== s2) this.twoOpt(x, s2, s1, y)
  }

  /** Starts a new undo scope. */
  mark(): void {
    this.journal.length = 0
  }

  /** Undoes every reversal since mark(). */
  undo(): void {
    const j = this.journal
    for (let k = j.length - 2; k >= 0; k -= 2) this.reversePositions(j[k]!, j[k + 1]!)
    j.length = 0
  }

  /** Copies the order into dst. */
  copyTo(dst: Int32Array): void {
    dst.set(this.order)
  }

  /** Replaces the order with src (same cities). */
  load(src: Int32Array): void {
    this.order.set(src)
    for (let i = 0; i < this.size; i++) this.pos[this.order[i]!] = i
    this.journal.length = 0
  }
}
