/**
 * Appends byte strings into one growing Buffer. Large JSON bodies are assembled from a few
 * pre-encoded pieces per item this way, without a string per item for the GC to collect and
 * without flattening and re-encoding one large string at the end.
 */
export class ByteWriter {
  private buf: Buffer;
  length = 0;

  constructor(capacity = 16 * 1024) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  put(bytes: Uint8Array): void {
    const n = bytes.length;
    if (this.length + n > this.buf.length) this.grow(n);
    const buf = this.buf;
    const at = this.length;
    // A loop beats TypedArray#set for the short pieces JSON is made of.
    if (n < 16) for (let i = 0; i < n; i++) buf[at + i] = bytes[i];
    else buf.set(bytes, at);
    this.length = at + n;
  }

  byte(b: number): void {
    if (this.length === this.buf.length) this.grow(1);
    this.buf[this.length++] = b;
  }

  /** Overwrites one byte already written. */
  setByte(at: number, b: number): void {
    this.buf[at] = b;
  }

  /** The bytes written so far (a view, not a copy). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }

  private grow(extra: number): void {
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + extra));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
}

export const utf8 = (text: string): Buffer => Buffer.from(text, "utf8");
