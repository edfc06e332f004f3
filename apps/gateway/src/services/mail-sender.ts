import type { RemindersConfig } from '@gongkai/store'
import nodemailer from 'nodemailer'

/**
 * Config `reminders.smtp`: the workspace's one SMTP server, for the reminders (`gongkai remind`)
 * and the tokens of approved 有条件开放 applications.
 */
export type SmtpConfig = NonNullable<RemindersConfig['smtp']>

/** A mail sender over SMTP (nodemailer); `close()` ends its connections. */
export interface MailSender {
  send(message: { to: string; subject: string; text: string }): Promise<void>
  close(): void
}

/**
 * An SMTP sender. The password comes from `GONGKAI_SMTP_PASSWORD` when set (so it need not sit in
 * the config file), else `smtp.password`. nodemailer encodes non-ASCII subjects as RFC 2047
 * encoded words (`=?UTF-8?B?…?=`).
 */
export function createMailSender(
  smtp: SmtpConfig,
  env: NodeJS.ProcessEnv = process.env
): MailSender {
  const password = env.GONGKAI_SMTP_PASSWORD ?? smtp.password
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure ?? false,
    ...(smtp.user ? { auth: { user: smtp.user, pass: password ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  })
  return {
    async send({ to, subject, text }) {
      await transport.sendMail({ from: smtp.from, to, subject, text })
    },
    close() {
      transport.close()
    },
  }
}
