/** Draws a one-line progress bar on a terminal; draws nothing when the stream is not a TTY. */
export class ProgressBar {
  private lastDrawn = -1;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 30,
  ) {}

  /** Redraws the bar for `done` of `total`; finishes the line when done reaches total. */
  update(done: number, total: number): void {
    if (!this.stream.isTTY || total === 0) return;
    const percent = Math.floor((done / total) * 100);
    if (percent === this.lastDrawn) return;
    this.lastDrawn = percent;
    const filled = Math.round((done / total) * this.width);
    const bar = '#'.repeat(filled) + '.'.repeat(this.width - filled);
    this.stream.write(
      `\r${this.label} [${bar}] ${done}/${total} (${percent}%)`,
    );
    if (done >= total) this.stream.write('\n');
  }
}
