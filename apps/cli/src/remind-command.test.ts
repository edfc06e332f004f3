import { spawn } from 'node:child_process'
import { createHmac, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openMessages } from '@gongkai/cases'
import { openSqliteStore } from '@gongkai/store'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// `gongkai remind` in child processes against a webhook receiver and an SMTP server started here.
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
if (!existsSync(bin))
  throw new Error(`${bin} is missing: run "npm run build -w @gongkai/cli" first`)

const SECRET = 'test-secret-0123456789abcdef'
const AS_OF = '2021-10-11'

interface Delivery {
  raw: Buffer
  timestamp: string
  signature: string
  valid: boolean
  // biome-ignore lint/suspicious/noExplicitAny: the body as received, read by the assertions
  body: any
}

const deliveries: Delivery[] = []
const mails: { to: string[]; raw: string }[] = []
let failWebhook = false
let hook: Server
let smtp: SMTPServer
let hookUrl = ''
let smtpPort = 0

// Always asynchronous: the receivers run in this process, so a blocking spawnSync would starve them.
function gongkai(
  ws: string,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [bin, ...args], { cwd: ws })
    let stdout = ''
    let stderr = ''
    p.stdout.on('data', (d) => (stdout += d))
    p.stderr.on('data', (d) => (stderr += d))
    p.on('close', (code) => done({ code, stdout, stderr }))
  })
}

// Workspaces also carry the standard catalogues, whose entries may be due too: the assertions
// look at the messages seeded here.
type Notice = { kind: string; status: string; id: string; threshold: string; channel: string }
const ofMessages = (notices: Notice[]) => notices.filter((n) => n.kind === 'message')

/** A workspace with three messages as of 2021-10-11: overdue, due in 1 and in 3 working days. */
async function workspace(reminders: Record<string, unknown>): Promise<string> {
  const ws = mkdtempSync(join(tmpdir(), 'gongkai-remind-'))
  writeFileSync(
    join(ws, 'gongkai.config.json'),
    JSON.stringify({
      organisation: { id: 'demo', name: '示例区人民政府' },
      organs: [
        {
          id: 'district-gov',
          name: '示例区人民政府',
          kind: 'government',
          org: 'demo',
          email: 'gov@example.test',
        },
        {
          id: 'district-edu',
          name: '示例区教育局',
          kind: 'department',
          org: 'demo',
          email: 'edu@example.test',
        },
        { id: 'district-civil', name: '示例区民政局', kind: 'department', org: 'demo' },
      ],
      reminders,
    })
  )
  mkdirSync(join(ws, '.gongkai'))
  const store = openSqliteStore(join(ws, '.gongkai', 'store.db'))
  const messages = await openMessages(store, { today: () => AS_OF })
  await messages.add({
    id: 'm-late',
    organ: 'district-edu',
    channel: 'website',
    received: '2021-09-22',
  })
  await messages.add({
    id: 'm-one',
    organ: 'district-gov',
    channel: 'mailbox',
    received: '2021-09-29',
  })
  await messages.add({
    id: 'm-three',
    organ: 'district-gov',
    channel: 'other',
    received: '2021-10-08',
  })
  await messages.add({
    id: 'm-civil',
    organ: 'district-civil',
    channel: 'other',
    received: '2021-10-08',
  })
  await store.close()
  return ws
}

beforeAll(async () => {
  hook = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks)
      const timestamp = String(req.headers['x-gongkai-timestamp'] ?? '')
      const signature = String(req.headers['x-gongkai-signature'] ?? '')
      // Verified the way a receiver would: over the raw bytes, never a re-serialised body.
      const mac = createHmac('sha256', SECRET).update(`${timestamp}.`).update(raw).digest('hex')
      const want = Buffer.from(`sha256=${mac}`)
      const got = Buffer.from(signature)
      const valid = want.length === got.length && timingSafeEqual(want, got)
      // A slow receiver, so that two concurrent runs overlap.
      setTimeout(() => {
        if (failWebhook) {
          res.writeHead(500).end('down')
          return
        }
        deliveries.push({
          raw,
          timestamp,
          signature,
          valid,
          body: JSON.parse(raw.toString('utf8')),
        })
        res.writeHead(204).end()
      }, 150)
    })
  })
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()))
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = ''
      stream.setEncoding('utf8')
      stream.on('data', (d) => (raw += d))
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw })
        callback()
      })
    },
  })
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()))
  smtpPort = (smtp.server.address() as AddressInfo).port
}, 30_000)

afterAll(async () => {
  await new Promise<void>((r) => hook.close(() => r()))
  await new Promise<void>((r) => smtp.close(() => r()))
})

/** Decodes RFC 2047 encoded words (B and Q) of a header value. */
function decodeHeader(value: string): string {
  return value.replace(/\s*=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text
            .replace(/_/g, ' ')
            .replace(/=([0-9a-f]{2})/gi, (_x, h: string) =>
              String.fromCharCode(Number.parseInt(h, 16))
            ),
          'latin1'
        ).toString('utf8')
  )
}

describe('gongkai remind (subprocesses, real webhook receiver and SMTP server)', () => {
  it('two concurrent runs send each notice once, signed, and e-mail each organ in Chinese', async () => {
    deliveries.length = 0
    mails.length = 0
    const ws = await workspace({
      dueSoonWorkingDays: [3, 1],
      webhook: { url: hookUrl, secret: SECRET },
      smtp: { host: '127.0.0.1', port: smtpPort, secure: false, from: 'gongkai@example.test' },
    })
    const dry = await gongkai(ws, 'remind', '--dry-run', '--as-of', AS_OF, '--json')
    expect(dry.code, dry.stderr).toBe(0)
    expect(
      ofMessages(JSON.parse(dry.stdout).notices).filter((n) => n.status === 'would_send')
    ).toHaveLength(7)
    expect(deliveries).toHaveLength(0)

    const [a, b] = await Promise.all([
      gongkai(ws, 'remind', '--as-of', AS_OF, '--json'),
      gongkai(ws, 'remind', '--as-of', AS_OF, '--json'),
    ])
    expect(a.code, a.stderr).toBe(0)
    expect(b.code, b.stderr).toBe(0)
    const both: Notice[] = [...JSON.parse(a.stdout).notices, ...JSON.parse(b.stdout).notices]
    const sent = both.filter((n) => n.status === 'sent')
    // 4 messages on the webhook, 3 e-mails (the civil-affairs bureau has no address).
    expect(ofMessages(sent)).toHaveLength(7)
    // Nothing delivered twice, whatever its kind; every signature verifies over the raw body.
    const keys = deliveries.map((d) => `${d.body.item.kind}/${d.body.item.id}/${d.body.event}`)
    expect(new Set(keys).size).toBe(keys.length)
    expect(deliveries).toHaveLength(sent.filter((n) => n.channel === 'webhook').length)
    expect(deliveries.filter((d) => d.body.item.kind === 'message')).toHaveLength(4)
    expect(deliveries.every((d) => d.valid)).toBe(true)
    const delivered = deliveries.length
    const byId = Object.fromEntries(deliveries.map((d) => [d.body.item.id, d.body]))
    expect(byId['m-late']).toEqual({
      event: 'overdue',
      item: {
        kind: 'message',
        id: 'm-late',
        organ: 'district-edu',
        dueDate: '2021-09-28',
        workingDaysLeft: -5, // 09-29, 09-30, 10-08, 10-09 (补班), 10-11
      },
    })
    expect(byId['m-one']).toMatchObject({
      event: 'due_soon',
      item: { dueDate: '2021-10-12', workingDaysLeft: 1 },
    })
    expect(byId['m-three']).toMatchObject({
      event: 'due_soon',
      item: { dueDate: '2021-10-14', workingDaysLeft: 3 },
    })

    expect(mails).toHaveLength(3)
    // No address, nothing claimed: each run reports it.
    expect(ofMessages(both).filter((n) => n.status === 'no_recipient')).toEqual([
      expect.objectContaining({ id: 'm-civil', channel: 'email' }),
      expect.objectContaining({ id: 'm-civil', channel: 'email' }),
    ])
    const toEdu = mails.find((m) => m.to.includes('edu@example.test'))
    expect(toEdu?.to).toEqual(['edu@example.test'])
    expect(mails.filter((m) => m.to.includes('gov@example.test'))).toHaveLength(2)
    const subjectLine = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(toEdu?.raw ?? '')?.[1] ?? ''
    // Non-ASCII subjects travel as RFC 2047 encoded words, never raw bytes.
    expect(subjectLine).toMatch(/=\?UTF-8\?[BQ]\?/i)
    expect([...subjectLine].every((ch) => ch.charCodeAt(0) < 0x80)).toBe(true)
    expect(decodeHeader(subjectLine.replace(/\r\n/g, ''))).toBe(
      '【政务公开提醒】政民互动留言答复已逾期：m-late'
    )

    // A third run sends nothing more.
    const again = await gongkai(ws, 'remind', '--as-of', AS_OF, '--json')
    expect(JSON.parse(again.stdout).sent).toBe(0)
    expect(deliveries).toHaveLength(delivered)
    // The next threshold of m-three (1 working day left on 10-13) is a new notice.
    const later = await gongkai(ws, 'remind', '--as-of', '2021-10-13', '--json')
    const laterSent = ofMessages(JSON.parse(later.stdout).notices).filter(
      (n) => n.status === 'sent'
    )
    expect(
      laterSent
        .map(
          (n: { id: string; threshold: string; channel: string }) =>
            `${n.id}/${n.threshold}/${n.channel}`
        )
        .sort()
    ).toEqual([
      'm-civil/due_soon:1/webhook',
      'm-one/overdue/email',
      'm-one/overdue/webhook',
      'm-three/due_soon:1/email',
      'm-three/due_soon:1/webhook',
    ])
  }, 180_000)

  it('records failures with backoff and shows them in --json; the next run waits for it', async () => {
    deliveries.length = 0
    failWebhook = true
    const ws = await workspace({ webhook: { url: hookUrl, secret: SECRET } })
    const r = await gongkai(ws, 'remind', '--as-of', AS_OF, '--json')
    expect(r.code).toBe(1)
    const body = JSON.parse(r.stdout)
    const failures = ofMessages(body.notices)
    expect(failures).toHaveLength(4)
    expect(body.failed).toBe(body.notices.length)
    const failed = failures[0] as Notice & { nextAttemptAt: string }
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, error: 'webhook answered 500' })
    expect(Date.parse(failed.nextAttemptAt) - Date.now()).toBeGreaterThan(30_000)
    const waiting = JSON.parse((await gongkai(ws, 'remind', '--as-of', AS_OF, '--json')).stdout)
    expect(waiting.notices.every((n: Notice) => n.status === 'waiting_retry')).toBe(true)
    expect(ofMessages(waiting.notices)[0]).toMatchObject({
      attempts: 1,
      nextAttemptAt: failed.nextAttemptAt,
    })
    failWebhook = false
    expect(deliveries).toHaveLength(0)
  }, 120_000)

  it('gongkai serve runs the reminders on its timer when reminders.intervalMinutes is set', async () => {
    deliveries.length = 0
    const ws = await workspace({ intervalMinutes: 60, webhook: { url: hookUrl, secret: SECRET } })
    const p = spawn(process.execPath, [bin, 'serve', '--port', '0', '--json'], { cwd: ws })
    let stderr = ''
    p.stderr.on('data', (d) => (stderr += d))
    try {
      // The first run starts with the server; as of today every seeded message is long overdue.
      const deadline = Date.now() + 90_000
      while (deliveries.filter((d) => d.body.item.kind === 'message').length < 4) {
        if (Date.now() > deadline) throw new Error(`no reminders from serve: ${stderr}`)
        await new Promise((r) => setTimeout(r, 250))
      }
      const ids = deliveries
        .filter((d) => d.body.item.kind === 'message')
        .map((d) => d.body.item.id)
      expect(ids.sort()).toEqual(['m-civil', 'm-late', 'm-one', 'm-three'])
      expect(deliveries.every((d) => d.valid)).toBe(true)
      const seeded = deliveries.filter((d) => d.body.item.kind === 'message')
      expect(seeded.every((d) => d.body.event === 'overdue')).toBe(true)
    } finally {
      p.kill('SIGTERM')
      await new Promise((r) => p.on('close', r))
    }
  }, 120_000)
})
