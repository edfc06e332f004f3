import type { MessageChannel, OpinionChannel } from '@gongkai/cases'

/** Chinese names of the channels a 政民互动 message arrives by. */
export const MESSAGE_CHANNEL_LABELS: Record<MessageChannel, string> = {
  website: '网站留言',
  hotline_12345: '12345市民服务热线',
  mailbox: '信箱',
  other: '其他渠道',
}

/** Chinese names of the channels opinions of a 意见征集 arrive by. */
export const OPINION_CHANNEL_LABELS: Record<OpinionChannel, string> = {
  website: '网站',
  email: '电子邮件',
  letter: '信函',
  fax: '传真',
  hotline_12345: '12345热线',
  meeting: '座谈会',
  other: '其他',
}

/** The portal path of a content item's page (its URL or id as the query, since URLs hold slashes). */
export const documentPath = (id: string) => `/documents/view?id=${encodeURIComponent(id)}`

/** The first `max` characters of a text, with an ellipsis when it was cut. */
export const excerpt = (text: string, max: number) =>
  [...text].length > max ? `${[...text].slice(0, max).join('')}…` : text
