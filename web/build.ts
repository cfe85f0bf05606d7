/**
 * Builds the map page and the curator console into web/dist: esbuild bundles (minified,
 * content-hashed, code split so the map, clustering and basemap load after first paint),
 * index.html and curate/index.html pointing at them, and .gz/.br siblings that
 * @fastify/static serves as they are. The console is a separate bundle (curate-* names), so
 * it never changes the map page's files or weight. The installable app's icons, manifest and
 * service worker (web/build-sw.ts) come last, from the list of what the page's build emitted.
 * Run: npx tsx web/build.ts.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build, type Metafile } from 'esbuild'
import { buildBasemapAssets } from './build-basemap.js'
import { pngIcon } from './build-icons.js'
import { precacheList, serviceWorkerSource, shellVersion, webManifest } from './build-sw.js'

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
  /** The curator console (curate/index.html): its entry JS and CSS, also listed in `assets`. */
  curate: { entryJs: string; entryCss: string }
  /** The service worker's version and the URLs it precaches. */
  shell: { version: string; urls: string[] }
  ms: number
}

const COMPRESSIBLE = /\.(js|css|json|svg|html)$/
/** Assets of older builds are removed only once they are this old, so a running server keeps working. */
const STALE_MS = 10 * 60_000

/** One bundle: its entries named `${prefix}[name]-[hash]`, its chunks `${prefix}chunk-[hash]`. */
async function bundle(entryPoints: Record<string, string>, assetsDir: string, prefix: string, define: Record<string, string> = {}): Promise<Metafile> {
  const result = await build({
    define,
    entryPoints,
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
    // Leaflet's UMD build: markercluster extends the global L, which the ESM build cannot offer.
    mainFields: ['browser', 'main'],
    outdir: assetsDir,
    entryNames: '[name]-[hash]',
    chunkNames: `${prefix}chunk-[hash]`,
    assetNames: '[name]-[hash]',
    loader: { '.png': 'file', '.svg': 'file' },
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    write: true,
  })
  return result.metafile
}

/** The entry JS and CSS files of a bundle, by their source files. */
function entryFiles(metafile: Metafile, js: string, css: string, cssName: string): { entryJs: string; entryCss: string } {
  const outputs = Object.entries(metafile.outputs)
  const entryJs = outputs.find(([, o]) => o.entryPoint?.endsWith(js))?.[0]
  const entryCss =
    outputs.find(([file, o]) => file.endsWith('.css') && o.entryPoint?.endsWith(css))?.[0] ??
    outputs.find(([file]) => file.endsWith('.css') && basename(file).startsWith(`${cssName}-`))?.[0]
  if (!entryJs || !entryCss) throw new Error(`web build: entry outputs of ${js} not found`)
  return { entryJs: basename(entryJs), entryCss: basename(entryCss) }
}

/** Writes a file; write then rename, so a server reading it never sees half a file. */
function writeWhole(target: string, data: string | Buffer): void {
  mkdirSync(dirname(target), { recursive: true })
  const tmp = `${target}.${process.pid}.tmp`
  writeFileSync(tmp, data)
  renameSync(tmp, target)
}

/** Writes a page from its template, its {{placeholders}} filled in; returns the page. */
function writePage(template: string, target: string, files: { entryJs: string; entryCss: string }, more: Record<string, string> = {}): string {
  let html = readFileSync(template, 'utf8').replace('{{js}}', files.entryJs).replace('{{css}}', files.entryCss)
  for (const [key, value] of Object.entries(more)) html = html.replace(`{{${key}}}`, value)
  writeWhole(target, html)
  return html
}

/** The app's icons in assets/, named by their content hash: 192 and 512 px, a maskable 512 and Apple's 180. */
function writeIcons(assetsDir: string): { any192: string; any512: string; maskable512: string; apple180: string } {
  const write = (name: string, size: number, maskable: boolean) => {
    const png = pngIcon(size, maskable)
    const file = `${name}-${createHash('sha256').update(png).digest('hex').slice(0, 8)}.png`
    writeWhole(join(assetsDir, file), png)
    return file
  }
  return {
    any192: write('icon-192', 192, false),
    any512: write('icon-512', 512, false),
    maskable512: write('icon-maskable-512', 512, true),
    apple180: write('icon-apple-180', 180, false),
  }
}

/** Builds the page and the console; safe to run while a server is serving an older build from the same folder. */
export async function buildWeb(options: WebBuildOptions = {}): Promise<WebBuildResult> {
  const started = performance.now()
  const outDir = options.outDir ?? join(WEB_DIR, 'dist')
  const assetsDir = join(outDir, 'assets')
  mkdirSync(assetsDir, { recursive: true })
  // The offline basemap's lazy data (place names, county lines, water): the page learns their hashed names through a define.
  const basemap = buildBasemapAssets(assetsDir)
  const [page, curate] = await Promise.all([
    bundle({ app: join(WEB_DIR, 'src/main.ts'), styles: join(WEB_DIR, 'src/styles.css') }, assetsDir, '', {
      __BASEMAP_ASSETS__: JSON.stringify(basemap.names),
    }),
    bundle({ curate: join(WEB_DIR, 'curate/main.ts'), 'curate-styles': join(WEB_DIR, 'curate/styles.css') }, assetsDir, 'curate-'),
  ])
  const pageFiles = entryFiles(page, 'src/main.ts', 'src/styles.css', 'styles')
  const curateFiles = entryFiles(curate, 'curate/main.ts', 'curate/styles.css', 'curate-styles')
  const icons = writeIcons(assetsDir)
  const pageHtml = writePage(join(WEB_DIR, 'src/index.html'), join(outDir, 'index.html'), pageFiles, { appleTouchIcon: icons.apple180 })
  writePage(join(WEB_DIR, 'curate/index.html'), join(outDir, 'curate', 'index.html'), curateFiles)

  // The installable app: its manifest, and the worker that precaches the page's shell.
  const manifest = webManifest(icons)
  const urls = precacheList({
    pageAssets: Object.keys(page.outputs).map((file) => basename(file)),
    basemap: basemap.names,
    icons: [icons.any192, icons.any512, icons.maskable512],
  })
  const shell = { version: shellVersion(urls, [pageHtml, manifest]), urls }
  writeWhole(join(outDir, 'manifest.webmanifest'), manifest)
  writeWhole(join(outDir, 'sw.js'), serviceWorkerSource(shell.version, urls))

  const current = new Set([...Object.keys(page.outputs), ...Object.keys(curate.outputs), ...Object.values(icons)].map((file) => basename(file)))
  const assets: WebBuildResult['assets'] = [...basemap.assets]
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
    if (current.has(base) || basemap.assets.some((a) => a.file === base)) continue
    const path = join(assetsDir, file)
    if (now - statSync(path).mtimeMs > STALE_MS) unlinkSync(path)
  }
  return { outDir, ...pageFiles, assets, curate: curateFiles, shell, ms: Math.round(performance.now() - started) }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await buildWeb()
  const kb = (n: number) => (n / 1024).toFixed(1)
  for (const a of r.assets.filter((x) => /\.(js|css)$/.test(x.file)))
    console.log(`  ${a.file.padEnd(28)} ${kb(a.bytes).padStart(7)} KB  ${kb(a.gzipBytes).padStart(6)} KB gz`)
  console.log(`web build: ${r.assets.length} assets in ${r.ms} ms → ${r.outDir} (offline shell ${r.shell.version}: ${r.shell.urls.length} files)`)
}
