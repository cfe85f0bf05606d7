import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeText, type EncodingError } from '../../server/importers/decode.js'
import { cleanText } from '../../server/importers/normalize.js'
import { FileProblem, readCsv } from '../../server/importers/sources/files.js'
import { DATA, tempFile } from './helpers.js'

const HEADER = 'name,city\n'

async function rowsOf(content: string | Buffer): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = []
  for await (const { row } of readCsv(tempFile('t.csv', content))) rows.push(row)
  return rows
}

describe('a text file with a stray control character is read, not refused', () => {
  it('keeps a row with an Excel/FileMaker vertical tab, which becomes a space in the value', async () => {
    const rows = await rowsOf(HEADER + '"Harbor House\u000bClinic",Baltimore\n')
    expect(rows).toHaveLength(1)
    expect(cleanText(rows[0]?.name)).toBe('Harbor House Clinic')
  })

  it('turns other control characters in values into spaces (the 0x1E the HCRIS hospital list has)', async () => {
    const rows = await rowsOf(HEADER + 'STORMONT\u001eVAIL HEALTHCARE,Topeka\nOther\u001a Clinic,Topeka\n')
    expect(rows.map((r) => cleanText(r.name))).toEqual(['STORMONT VAIL HEALTHCARE', 'Other Clinic'])
  })

  it('ignores a DOS end-of-file marker (0x1A) at the end instead of reading it as a short row', async () => {
    expect(await rowsOf('name,city\r\nHarbor Clinic,Baltimore\r\n\u001a')).toEqual([{ name: 'Harbor Clinic', city: 'Baltimore' }])
    expect(await rowsOf(Buffer.from(HEADER + 'Cl\xednica Cayey,Cayey\u001a', 'latin1'))).toEqual([{ name: 'Clínica Cayey', city: 'Cayey' }])
  })

  it('reads the real HCRIS hospital list, which has one 0x1E in its 7,146 rows', () => {
    const { text, encoding } = decodeText(readFileSync(DATA + 'clinics/oeps_hospitals.csv'))
    expect(encoding).toBe('utf-8')
    expect(text).toContain('STORMONT\u001eVAIL HEALTHCARE')
  })

  it('reads UTF-8 with curly quotes and accents (bytes such as 0x9D that cp1252 lacks are fine in UTF-8)', () => {
    expect(decodeText(Buffer.from('name\n\u201cHarbor\u201d Clínica Ángel Ðoàn Ý\n', 'utf8'))).toMatchObject({
      encoding: 'utf-8',
      text: 'name\n\u201cHarbor\u201d Clínica Ángel Ðoàn Ý\n',
    })
  })
})

describe('a file that is not text is refused with the reason', () => {
  it('names the NUL byte of binary data or UTF-16 without a byte-order mark, and its line', async () => {
    expect(() => decodeText(Buffer.from('name\n', 'utf16le'))).toThrow(/unknown encoding: it contains NUL bytes \(the first at byte offset 1\)/)
    const read = rowsOf(Buffer.concat([Buffer.from(HEADER + 'A,B\nC,D\n'), Buffer.from([0x50, 0x4b, 0x00, 0x00])]))
    await expect(read).rejects.toThrow(FileProblem)
    await expect(read).rejects.toMatchObject({
      problem: { line: 4, field: 'encoding', message: expect.stringMatching(/NUL bytes \(the first at byte offset 20\)/) },
    })
  })

  it('refuses more than 1% control characters, but not a few strays in a short file', () => {
    expect(decodeText(Buffer.from(HEADER + 'A\u0001,B\n'.repeat(16))).encoding).toBe('utf-8')
    const noisy = Buffer.from(HEADER + 'A\u0001\u0002\u0003,B\n'.repeat(20))
    expect(() => decodeText(noisy)).toThrow(/60 of its first 150 bytes are control characters \(over 1%; the first at byte offset 11\)/)
    const error = (() => {
      try {
        decodeText(noisy)
      } catch (err) {
        return err
      }
    })() as EncodingError
    expect(error.byte).toBe(11)
  })

  it('refuses an 8-bit file that is neither UTF-8 nor cp1252, naming the byte', () => {
    expect(() => decodeText(Buffer.from([0x6e, 0x0a, 0xc1, 0x81, 0x0a]))).toThrow(/neither UTF-8 nor Latin-1\/cp1252 \(byte 0x81 at byte offset 3/)
  })
})
