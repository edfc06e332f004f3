import type { CatalogueEntry } from '@gongkai/schema'
import { type EntryOrigin, PROPERTY_WORDS, STATUS_WORDS } from './catalogue-layers.js'
import { SafeLink } from './safe-link.js'

/** The marker of a row a layer above the national table added: words, not colour alone. */
export function LocalTag() {
  return <span class="tag tag-local">地方增补</span>
}

/**
 * An entry's source in a `<details>` 来源 that opens without script: its status in words, the
 * document (title and 文号), where copies were found (as links), the note, and which layer added
 * or changed the row. `name` tells screen-reader users which row the control belongs to.
 */
export function SourceDetails(props: {
  entry: CatalogueEntry
  origin?: EntryOrigin
  name: string
}) {
  const s = props.entry.source
  const o = props.origin
  return (
    <details class="source">
      <summary>
        {`来源：${STATUS_WORDS[s.status]}`}
        <span class="sr-only">{`（${props.name}）`}</span>
      </summary>
      <dl>
        <dt>状态</dt>
        <dd>{`${STATUS_WORDS[s.status]}（${s.status}）`}</dd>
        <dt>文件</dt>
        <dd>{`${s.title}${s.docNo ? `（${s.docNo}）` : ''}`}</dd>
        <dt>副本</dt>
        <dd>
          {s.copies.length === 0 ? (
            '暂无'
          ) : (
            <ul>
              {s.copies.map((copy) => (
                <li>
                  {/* A copy's URL is data a workspace may write: only http(s) becomes a link. */}
                  <SafeLink href={copy.url}>{copy.title}</SafeLink>
                  <span class="muted">{` ${hostOf(copy.url)}`}</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
        {s.note ? (
          <>
            <dt>说明</dt>
            <dd>{s.note}</dd>
          </>
        ) : null}
        {o ? (
          <>
            <dt>层级</dt>
            <dd>
              {o.local ? `由“${o.layer.title}”增补` : `出自“${o.layer.title}”`}
              {o.changes.map((ch) => (
                <div>
                  {`“${ch.layer.title}”修改了：${ch.properties.map((p) => PROPERTY_WORDS[p] ?? p).join('、')}`}
                </div>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
    </details>
  )
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return ''
  }
}
