/**
 * The command line tools' progress: a one-line bar on a terminal; plain lines (at most every 10%) otherwise.
 */
export interface Progress {
  update(done: number, total: number, phase: string): void
  done(): void
}

/** Progress for a stream: a bar when it is a TTY, else a few plain lines. */
export function progressFor(stream: NodeJS.WriteStream | NodeJS.WritableStream, width = 30): Progress {
  const tty = 'isTTY' in stream && stream.isTTY === true
  let lastTenth = -1
  let lastPhase = ''
  let lastDraw = 0
  let drawn = false
  return {
    update(done, total, phase) {
      if (total <= 0) {
        // Unknown total (first pass): a counter, not a bar.
        if (tty) stream.write(`\r${phase.padEnd(9)} ${done} rows`)
        else if (done % 100_000 === 0) stream.write(`${phase}: ${done} rows\n`)
        drawn = tty
        return
      }
      const ratio = total > 0 ? Math.min(1, done / total) : 0
      if (tty) {
        const now = Date.now()
        if (now - lastDraw < 80 && done < total) return
        lastDraw = now
        const filled = Math.round(ratio * width)
        stream.write(
          `\r${phase.padEnd(9)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total}`,
        )
        drawn = true
        return
      }
      const tenth = Math.floor(ratio * 10)
      if (phase !== lastPhase) lastTenth = -1
      if (tenth !== lastTenth) stream.write(`${phase}: ${done}/${total} (${tenth * 10}%)\n`)
      lastTenth = tenth
      lastPhase = phase
    },
    done() {
      if (tty && drawn) stream.write('\n')
    },
  }
}
