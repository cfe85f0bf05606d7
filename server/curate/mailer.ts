/**
 * Mail for provider update links (issue 16): one plain-text message, in English with Spanish
 * below it, that says which directory asks, what the link does and when it expires. The
 * mailer exists only when SMTP_URL (and MAIL_FROM) are configured. The message carries the
 * link, so nothing here logs the message, its link or its token: errors name the recipient's
 * domain at most.
 */
import nodemailer from 'nodemailer'
import type { Config } from '../config.js'

/** Who asks, in every message: the directory, never the curator who made the link. */
export const DIRECTORY_NAME = 'Harm Reduction Locator'

export interface LinkMail {
  to: string
  siteName: string
  /** The absolute link (PUBLIC_URL + /update/<token>). */
  url: string
  /** ISO date-time the link stops working. */
  expiresAt: string
}

export interface Mailer {
  sendLink(mail: LinkMail): Promise<void>
  close(): void
}

/** A mail address as the API and CLI take one (no name part, no spaces). */
export const isMailAddress = (value: string): boolean => /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/.test(value)

/** The message of one link. Example: `linkMessage({ to, siteName: 'Charm City', url, expiresAt }).subject` → 'Please check your listing: Charm City'. */
export function linkMessage(mail: LinkMail): { subject: string; text: string } {
  const day = mail.expiresAt.slice(0, 10)
  const en = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(mail.expiresAt))
  const es = new Intl.DateTimeFormat('es-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(mail.expiresAt))
  const text = [
    'Hello,',
    '',
    `The ${DIRECTORY_NAME} lists "${mail.siteName}" so people can find harm reduction services near them. Please check that the listing is still correct.`,
    '',
    'This link shows the listing as the public sees it. If everything is right, press "Everything is correct" and the listing will show it was verified today. If something is wrong, correct it under "Propose changes" on the same page. You can also post what is different today and what you have in stock ("Today and supplies"); people see it at once.',
    '',
    mail.url,
    '',
    `The link works until ${en} (${day}, UTC). Keep it private: anyone with it can confirm or change this listing. You need no account.`,
    '',
    `— The ${DIRECTORY_NAME} team`,
    '',
    '----',
    '',
    'Hola:',
    '',
    `El directorio ${DIRECTORY_NAME} incluye «${mail.siteName}» para que la gente encuentre servicios de reducción de daños cerca. Por favor, compruebe que el listado sigue siendo correcto.`,
    '',
    'Este enlace muestra el listado tal como lo ve el público. Si todo está bien, pulse «Todo está correcto» y el listado mostrará que se verificó hoy. Si algo no está bien, corríjalo en «Proponer cambios» en la misma página. También puede publicar qué cambia hoy y qué tiene disponible («Hoy y suministros»); la gente lo ve al instante.',
    '',
    mail.url,
    '',
    `El enlace funciona hasta el ${es} (${day}, UTC). No lo comparta: cualquiera que lo tenga puede confirmar o cambiar este listado. No necesita una cuenta.`,
    '',
    `— El equipo de ${DIRECTORY_NAME}`,
    '',
  ].join('\n')
  return { subject: `Please check your listing / Revise su listado: ${mail.siteName}`, text }
}

/** The mailer of the configuration, or null when mail is not configured (no SMTP_URL). */
export function createMailer(config: Pick<Config, 'mail'>): Mailer | null {
  if (!config.mail) return null
  const { from } = config.mail
  const transport = nodemailer.createTransport(config.mail.smtpUrl, { from })
  return {
    async sendLink(mail) {
      const { subject, text } = linkMessage(mail)
      try {
        await transport.sendMail({ to: mail.to, subject, text })
      } catch (err) {
        // The SMTP error may quote the message; say only what failed.
        const code = (err as { code?: string; responseCode?: number }).responseCode ?? (err as { code?: string }).code ?? 'error'
        throw new MailError(`the mail server did not take the message for ${mail.to.replace(/^.*@/, '…@')} (${code})`)
      }
    },
    close: () => transport.close(),
  }
}

export class MailError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MailError'
  }
}
