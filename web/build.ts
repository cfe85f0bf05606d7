/**
 * Builds the map page into web/dist: esbuild bundles (minified, content-hashed, code split so
 * the map, clustering and basemap load after first paint), index.html pointing at them, and
 * .gz/.br siblings that @fastify/static serves as they are. Run: npx tsx web/build.ts.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const WEB_DIR = fileURLToPath(new URL('.', import.meta.url))

export interface WebBuildOptions {
  /** Output folder (default web/dist); assets go in its assets/ folder. */
  outDir?: string
}

export interface WebBuildResult {
  outDir: string
  /** Asset file names of the page's critical path (entry JS and CSS). */
  entryJs: string
  entryCss: string
  /** Every emitted asset with its raw and gzipped size in bytes. */
  assets: { file: string; bytes: number; gzipBytes: number }[]
  ms: number
}

const COMPRESSIBLE = /\.(js|css|json|svg|html)$/
/** Assets of older builds are removed only once they are this old, so a running server keeps working. */
const STALE_MS = 10 * 60_000

/** Builds the page; safe to run while a server is serving an older build from the same folder. */
export async function buildWeb(options: WebBuildOptions = {}): Promise<WebBuildResult> {
  const started = performance.now()
  const outDir = options.outDir ?? join(WEB_DIR, 'dist')
  const assetsDir = join(outDir, 'assets')
  mkdirSync(assetsDir, { recursive: true })
  const result = await build({
    entryPoints: { app: join(WEB_DIR, 'src/main.ts'), styles: join(WEB_DIR, 'src/styles.css') },
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
    // Leaflet's UMD build: markercluster extends the global L, which the ESM build cannot offer.
    mainFields: ['browser', 'main'],
    outdir: assetsDir,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    loader: { '.png': 'file', '.svg': 'file' },
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    write: true,
  })
  const outputs = Object.entries(result.metafile.outputs)
  const entryJs = outputs.find(([, o]) => o.entryPoint?.endsWith('main.ts'))?.[0]
  const entryCss =
    outputs.find(([, o]) => o.entryPoint?.endsWith('styles.css') && o.entryPoint !== undefined && !o.entryPoint.endsWith('.ts'))?.[0] ??
    outputs.find(([file]) => file.endsWith('.css') && basename(file).startsWith('styles-'))?.[0]
  if (!entryJs || !entryCss) throw new Error('web build: entry outputs not found')

  const template = readFileSync(join(WEB_DIR, 'src/index.html'), 'utf8')
  const html = template.replace('{{js}}', basename(entryJs)).replace('{{css}}', basename(entryCss))
  // Write then rename: a server reading index.html never sees half a file.
  const tmp = join(outDir, `index.html.${process.pid}.tmp`)
  writeFileSync(tmp, html)
  renameSync(tmp, join(outDir, 'index.html'))

  const current = new Set(outputs.map(([file]) => basename(file)))
  const assets: WebBuildResult['assets'] = []
  for (const file of current) {
    const path = join(assetsDir, file)
    const data = readFileSync(path)
    const gz = gzipSync(data, { level: 9 })
    if (COMPRESSIBLE.test(file)) {
      writeFileSync(path + '.gz', gz)
      writeFileSync(path + '.br', brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
    }
    assets.push({ file, bytes: data.length, gzipBytes: gz.length })
  }
  const now = Date.now()
  for (const file of readdirSync(assetsDir)) {
    const base = file.replace(/\.(gz|br)$/, '')
    if (current.has(base)) continue
    const path = join(assetsDir, file)
    if (now - statSync(path).mtimeMs > STALE_MS) unlinkSync(path)
  }
  return { outDir, entryJs: basename(entryJs), entryCss: basename(entryCss), assets, ms: Math.round(performance.now() - started) }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await buildWeb()
  const kb = (n: number) => (n / 1024).toFixed(1)
  for (const a of r.assets.filter((x) => /\.(js|css)$/.test(x.file)))
    console.log(`  ${a.file.padEnd(28)} ${kb(a.bytes).padStart(7)} KB  ${kb(a.gzipBytes).padStart(6)} KB gz`)
  console.log(`web build: ${r.assets.length} assets in ${r.ms} ms → ${r.outDir}`)
}
