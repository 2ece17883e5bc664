/**
 * Maps offsets in a derived text — continuation lines joined, JSON escapes decoded, quotes removed —
 * back to offsets in the document, as a few segments rather than one entry per character.
 */
export class OffsetMap {
  /** Derived offset where each segment starts. */
  private readonly from: number[] = [];
  /** Document offset of each segment's first character. */
  private readonly doc: number[] = [];
  /** Document characters per derived character: 1 for copied text, more for one decoded escape. */
  private readonly width: number[] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  /** Appends `count` characters copied one to one from the document at `docStart`. */
  copy(docStart: number, count: number): void {
    if (count <= 0) return;
    const last = this.from.length - 1;
    const contiguous = last >= 0 && this.width[last] === 1 && this.doc[last] + (this.size - this.from[last]) === docStart;
    if (!contiguous) this.push(docStart, 1);
    this.size += count;
  }

  /** Appends one character that stands for `width` document characters at `docStart` (an escape sequence). */
  escape(docStart: number, width: number): void {
    this.push(docStart, width);
    this.size += 1;
  }

  private push(docStart: number, width: number): void {
    this.from.push(this.size);
    this.doc.push(docStart);
    this.width.push(width);
  }

  private segment(i: number): number {
    let lo = 0;
    let hi = this.from.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.from[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Document offset where derived character `i` starts; `length` gives the end of the last character. */
  start(i: number): number {
    if (this.from.length === 0) return 0;
    if (i >= this.size) return this.end(this.size - 1);
    const k = this.segment(i);
    return this.width[k] === 1 ? this.doc[k] + (i - this.from[k]) : this.doc[k];
  }

  /** Document offset just after derived character `i`. */
  end(i: number): number {
    if (this.from.length === 0) return 0;
    const k = this.segment(i);
    return this.width[k] === 1 ? this.doc[k] + (i - this.from[k]) + 1 : this.doc[k] + this.width[k];
  }

  /** The map of derived characters `from` to `to`. */
  slice(from: number, to: number): OffsetMap {
    const out = new OffsetMap();
    let i = from;
    while (i < to) {
      const k = this.segment(i);
      if (this.width[k] !== 1) {
        out.escape(this.doc[k], this.width[k]);
        i++;
        continue;
      }
      const segmentEnd = Math.min(to, k + 1 < this.from.length ? this.from[k + 1] : this.size);
      out.copy(this.doc[k] + (i - this.from[k]), segmentEnd - i);
      i = segmentEnd;
    }
    return out;
  }

  /** Appends another map's characters after this one's. */
  append(other: OffsetMap): void {
    for (let k = 0; k < other.from.length; k++) {
      const count = (k + 1 < other.from.length ? other.from[k + 1] : other.size) - other.from[k];
      if (other.width[k] === 1) this.copy(other.doc[k], count);
      else this.escape(other.doc[k], other.width[k]);
    }
  }
}
