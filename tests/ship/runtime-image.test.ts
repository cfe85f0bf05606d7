/**
 * What the Docker image's runtime stage holds is enough to serve: the files its COPY lines
 * name (read from the Dockerfile itself), production dependencies only (`npm ci --omit=dev`),
 * and its CMD — compiled JavaScript, no tsx — serves the map, searches, plans a route on a
 * worker thread and shuts down cleanly. No Docker engine runs here, so this is the stage,
 * replayed in a temp folder.
 */
import { execFile, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../helpers/pg-cluster.js'

const run = promisify(execFile)

interface RuntimeStage {
  /** [source in the repository, destination in /app] */
  copies: [string, string][]
  runs: string[]
  cmd: string[]
  env: Record<string, string>
}

/** The runtime stage of the Dockerfile: its COPY sources (build-stage paths map to the repo), RUN and CMD. */
function runtimeStage(dockerfile: string): RuntimeStage {
  const text = dockerfile.replace(/\\\n\s*/g, ' ')
  const stage = text.split(/^FROM /m).find((s) => /^\S+ AS runtime\b/.test(s))
  if (!stage) throw new Error('the Dockerfile has no stage named runtime')
  const found: RuntimeStage = { copies: [], runs: [], cmd: [], env: {} }
  for (const line of stage.split('\n').map((l) => l.trim())) {
    const copy = /^COPY (?:--from=build )?(.+)$/.exec(line)
    if (copy) {
      const parts = (copy[1] as string).split(/\s+/)
      const dest = parts.pop() as string
      for (const src of parts) {
        const from = src.replace(/^\/app\//, '')
        found.copies.push([from, dest.endsWith('/') ? join(dest, from.split('/').pop() as string) : dest])
      }
    }
    const runLine = /^RUN (.+)$/.exec(line)
    if (runLine) found.runs.push(runLine[1] as string)
    const cmd = /^CMD (\[.+\])$/.exec(line)
    if (cmd) found.cmd = JSON.parse(cmd[1] as string) as string[]
    const env = /^ENV (.+)$/.exec(line)
    if (env) for (const [, k, v] of (env[1] as string).matchAll(/(\w+)=(\S+)/g)) found.env[k as string] = v as string
  }
  return found
}

describe('the image runtime stage', () => {
  const stage = runtimeStage(readFileSync('Dockerfile', 'utf8'))
  let app: string

  beforeAll(async () => {
    // .ci/run builds before the tests; a developer running this file alone gets a build here.
    if (!existsSync('dist/server/main.js') || !existsSync('web/dist/index.html')) await run('npm', ['run', 'build', '--silent'])
    app = mkdtempSync(join(tmpdir(), 'hrl-image-'))
    for (const [from, to] of stage.copies) cpSync(from, join(app, to), { recursive: true })
    const install = stage.runs.find((r) => r.startsWith('npm ci'))
    expect(install, 'the runtime stage installs with npm ci').toMatch(/--omit=dev/)
    // The Dockerfile's own npm ci arguments, run here.
    const args = (install as string).split('&&')[0]!.trim().split(/\s+/).slice(1)
    await run('npm', [...args, '--prefer-offline'], { cwd: app, maxBuffer: 16 * 1024 * 1024 })
  }, 300_000)
  afterAll(() => {
    if (app) rmSync(app, { recursive: true, force: true })
  })

  it('holds production dependencies only, and runs compiled JavaScript', () => {
    expect(stage.cmd).toEqual(['node', '--max-semi-space-size=64', 'dist/server/main.js'])
    for (const dev of ['tsx', 'esbuild', 'typescript', 'vitest', 'leaflet']) expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false)
    for (const needed of ['fastify', 'pg', '@electric-sql/pglite']) expect(existsSync(join(app, 'node_modules', needed)), needed).toBe(true)
    expect(existsSync(join(app, '.env'))).toBe(false)
    expect(existsSync(join(app, 'tests'))).toBe(false)
  })

  it('serves the map, demo search and a route plan from the embedded database, then stops on SIGTERM', async () => {
    const port = await freePort()
    const server = spawn(stage.cmd[0] as string, stage.cmd.slice(1), {
      cwd: app,
      env: {
        PATH: process.env.PATH,
        ...stage.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        PGLITE_DIR: join(app, '.data', 'pglite'),
        DEMO_SEED_COUNT: '300',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    server.stdout.on('data', (c) => (output += String(c)))
    server.stderr.on('data', (c) => (output += String(c)))
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)))
    try {
      const base = `http://127.0.0.1:${port}`
      let ready = 0
      for (let i = 0; i < 240 && ready !== 200 && server.exitCode === null; i++) {
        ready = await fetch(`${base}/ready`).then(
          (r) => r.status,
          () => 0,
        )
        if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 500))
      }
      expect(ready, output).toBe(200)
      const page = await fetch(`${base}/`)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<html')
      const search = await fetch(`${base}/api/v1/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ near: '21201', radius_mi: 500, limit: 3 }),
      })
      expect(search.status).toBe(200)
      const results = ((await search.json()) as { results: { demo: boolean }[] }).results
      expect(results.length).toBe(3)
      const plan = await fetch(`${base}/api/v1/routes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          stops: [
            { lat: 39.3, lon: -76.6 },
            { lat: 39.31, lon: -76.62 },
            { lat: 39.28, lon: -76.58 },
          ],
          start: { lat: 39.29, lon: -76.61 },
          departure: '2026-12-02T09:00:00-05:00',
        }),
      })
      expect(plan.status, await plan.clone().text()).toBe(200)
      expect(((await plan.json()) as { vehicles: { stops: unknown[] }[] }).vehicles[0]?.stops).toHaveLength(3)
      expect((await fetch(`${base}/docs/`)).status).toBe(200)
    } finally {
      server.kill('SIGTERM')
    }
    expect(await exited, output).toBe(0)
  }, 240_000)
})
