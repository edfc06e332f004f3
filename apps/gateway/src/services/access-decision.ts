import type { GatewayDeps } from '../deps.js'
import type { AccessDecision, AccessRequest, AccessRequestStatus } from './access-requests.js'
import { createMailSender } from './mail-sender.js'

/**
 * An e-mail address alone (what the form's 联系方式 holds when it is not a phone number): one `@`,
 * no spaces, a dot in the domain. Anything else is not written to.
 */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/

/** Whether an applicant's contact is an e-mail address the token may be sent to. */
export function isEmailAddress(contact: string): boolean {
  return contact.length <= 254 && EMAIL.test(contact)
}

/** `2099-12-31T15:59:59.999Z` → `2099-12-31 23:59` (Beijing time, as the applicant reads it). */
function beijing(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
}

/** The message that carries an approved application's token (plain text, Chinese). */
function tokenMessage(input: {
  request: AccessRequest
  datasetTitle: string
  publisherName: string
  token: string
  baseUrl: string
}): { subject: string; text: string } {
  const { request: r, token, baseUrl } = input
  const ds = encodeURIComponent(r.dataset)
  const until = r.expiresAt ? beijing(r.expiresAt) : ''
  return {
    subject: `有条件开放数据申请已同意：${input.datasetTitle}`,
    text: [
      `${r.applicant.name}：`,
      '',
      `您于 ${beijing(r.createdAt).slice(0, 10)} 提交的有条件开放数据使用申请（编号 ${r.id}）已获同意。`,
      '',
      `数据集：${input.datasetTitle}（${baseUrl}/datasets/${ds}）`,
      `使用期限：至 ${until}（北京时间），到期后令牌自动失效。`,
      '',
      '数据令牌（只通过本邮件发送这一次，查询链接不再显示；请妥善保存，不要转给他人）：',
      token,
      '',
      '下载数据：',
      `curl -H "Authorization: Bearer ${token}" -o ${r.dataset}.csv ${baseUrl}/datasets/${ds}.csv`,
      '按条件查询：',
      `curl -H "Authorization: Bearer ${token}" "${baseUrl}/api/v1/datasets/${ds}/rows"`,
      '',
      input.publisherName,
    ].join('\n'),
  }
}

/**
 * Decides an application (the API's and the portal's one path). An approval whose applicant left an
 * e-mail address, on a gateway with SMTP configured (`reminders.smtp`), e-mails the token: the
 * decision is committed first and stands whatever the send does; a failed send is logged, kept on
 * the application for the publisher to see, and leaves the status link to hand the token out.
 */
export async function decideAccessRequest(
  deps: GatewayDeps,
  request: AccessRequest,
  decision: AccessDecision,
  tokenId: string
): Promise<{ ok: true; request: AccessRequest } | { ok: false; status: AccessRequestStatus }> {
  const smtp = deps.config.smtp
  const forEmail = smtp !== undefined && 'approve' in decision
  const to = request.applicant.contact.trim()
  const done = await deps.accessRequests.decide(request.id, decision, tokenId, {
    forEmail: forEmail && isEmailAddress(to),
  })
  if (!done.ok || done.token === undefined || smtp === undefined) return done
  const d = await deps.datastore.getDataset(request.dataset)
  const message = tokenMessage({
    request: done.request,
    datasetTitle: d?.title ?? request.dataset,
    publisherName: d?.descriptor.publisher.name ?? deps.config.organisation.name,
    token: done.token,
    baseUrl: deps.config.baseUrl,
  })
  const mail = createMailSender(smtp)
  try {
    await mail.send({ to, ...message })
    return { ok: true, request: await deps.accessRequests.emailed(request.id, { ok: true }) }
  } catch (err) {
    // The address is personal data: it stays out of the server's log (the publisher sees it).
    const error = String((err as Error).message ?? err).replaceAll(to, '<applicant>')
    console.error(`[gateway] access request ${request.id}: token e-mail not sent: ${error}`)
    return {
      ok: true,
      request: await deps.accessRequests.emailed(request.id, { ok: false, error }),
    }
  } finally {
    mail.close()
  }
}
