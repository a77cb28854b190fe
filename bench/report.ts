import { formatCpuShare, type CpuShare } from './cpu.js'
import { renderTable, type Row } from './table.js'

/** A line of progress on stderr; the report itself goes to stdout. */
export const progress = (message: string) => process.stderr.write(`bench: ${message}\n`)

/** Above this share of one core used by other processes, a case's numbers are suspect. */
const NOISY_SHARE = 0.2

/** What a benchmark run found: table rows, notes that explain them, and noise warnings. */
export class Report {
  readonly rows: Row[] = []
  readonly notes: string[] = []
  private readonly noisy: { label: string; share: number }[] = []

  row(...rows: Row[]) {
    this.rows.push(...rows)
  }

  note(text: string) {
    this.notes.push(text)
  }

  /** Notes where CPU went during a case, and flags the case if other processes were busy. */
  cpu(label: string, share: CpuShare): string {
    const others = share.othersCpuMs / share.wallMs
    if (others > NOISY_SHARE) this.noisy.push({ label, share: others })
    return formatCpuShare(share)
  }

  /** The table, a warning if the machine was busy, then the notes. */
  render(): string {
    const lines = [renderTable(this.rows), '']
    if (this.noisy.length > 0) {
      const cases = this.noisy.map((n) => `${n.label} (${Math.round(n.share * 100)}% of a core)`)
      lines.push(
        `Other processes were busy during: ${cases.join(', ')}. Those rows are not representative.`,
        '',
      )
    }
    lines.push(...this.notes.map((n) => `- ${n}`))
    return lines.join('\n')
  }
}
