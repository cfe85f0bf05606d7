/**
 * Prints, after the run, each Vitest project's wall time (its first file's start to its last
 * file's end, within the one parallel run), its files and tests, and the whole run's time:
 * what .ci/run shows so a slow project stands out.
 */
import type { Reporter, TestModule } from 'vitest/node'

interface Span {
  start: number
  end: number
  files: number
  tests: number
  failed: number
}

export default class ProjectTimes implements Reporter {
  private readonly spans = new Map<string, Span>()
  private readonly started = Date.now()

  onTestModuleStart(module: TestModule): void {
    const name = module.project.name || 'default'
    const span = this.spans.get(name) ?? { start: Date.now(), end: Date.now(), files: 0, tests: 0, failed: 0 }
    this.spans.set(name, span)
  }

  onTestModuleEnd(module: TestModule): void {
    const span = this.spans.get(module.project.name || 'default')
    if (!span) return
    span.end = Date.now()
    span.files++
    for (const test of module.children.allTests()) {
      span.tests++
      if (test.result().state === 'failed') span.failed++
    }
  }

  onTestRunEnd(): void {
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
    const lines = [...this.spans]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([name, span]) =>
          `  ${name.padEnd(9)} ${s(span.end - span.start).padStart(8)}  ${String(span.files).padStart(3)} files  ${String(span.tests).padStart(4)} tests${span.failed ? `  ${span.failed} failed` : ''}`,
      )
    console.log(
      [
        '',
        'time per project (first file start → last file end, projects overlap):',
        ...lines,
        `  whole run ${s(Date.now() - this.started).padStart(8)}`,
        '',
      ].join('\n'),
    )
  }
}
