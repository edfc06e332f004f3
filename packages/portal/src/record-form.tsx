import {
  ADD_ROWS,
  type FormNode,
  type FormValues,
  type GroupNode,
  idOf,
  type LeafNode,
  MAX_ROWS,
  nameOf,
  pointerOf,
  rowCount,
  rowsFieldOf,
  type TableNode,
} from './record-form-model.js'

/** A validation error located by JSON pointer into the record. */
export interface FieldError {
  pointer: string
  keyword?: string
  message: string
}

/** An error attached to the element that shows it. */
export interface PlacedError {
  pointer: string
  /** Element id the summary links to. */
  targetId: string
  /** Readable name of the field, e.g. 收入明细第 2 行“金额”. */
  field: string
  message: string
}

/** Every pointer the rendered form has an element for, with its id and readable name. */
function targets(model: GroupNode, values: FormValues): Map<string, { id: string; name: string }> {
  const out = new Map<string, { id: string; name: string }>()
  const walk = (n: FormNode) => {
    out.set(pointerOf(n.path), { id: idOf(n.path), name: n.title })
    if (n.kind === 'group') n.children.forEach(walk)
    if (n.kind === 'table') {
      const rows = rowCount(values, n.path)
      for (let i = 0; i < rows; i++) {
        out.set(pointerOf([...n.path, String(i)]), {
          id: idOf([...n.path, String(i), ...(n.columns[0]?.path ?? [])]),
          name: `${n.title}第 ${i + 1} 行`,
        })
        for (const col of n.columns) {
          const path = [...n.path, String(i), ...col.path]
          out.set(pointerOf(path), {
            id: idOf(path),
            name: `${n.title}第 ${i + 1} 行“${col.title}”`,
          })
        }
      }
    }
  }
  walk(model)
  return out
}

/**
 * Places each error on the nearest rendered element at or above its pointer, and words
 * `required` errors with the field's title instead of its JSON key.
 */
export function placeErrors(
  model: GroupNode,
  values: FormValues,
  errors: readonly FieldError[]
): PlacedError[] {
  const known = targets(model, values)
  const order = new Map([...known.values()].map((t, i) => [t.id, i]))
  const placed = errors.map((e) => {
    let pointer = e.pointer
    while (!known.has(pointer) && pointer !== '') pointer = pointer.replace(/\/[^/]*$/, '')
    const target = known.get(pointer) ?? { id: 'f-root', name: model.title }
    const message = e.keyword === 'required' ? `请填写“${target.name}”` : e.message
    return { pointer, targetId: target.id, field: target.name, message }
  })
  // List errors in the order of the form, so the summary reads top to bottom like the page.
  return placed.sort((a, b) => (order.get(a.targetId) ?? -1) - (order.get(b.targetId) ?? -1))
}

function constraintHint(n: LeafNode): string {
  const parts: string[] = []
  if (n.type === 'integer') parts.push('整数')
  if (n.type === 'number') parts.push('数字，单位为元，可保留两位小数')
  if (n.minimum !== undefined && n.maximum !== undefined) parts.push(`${n.minimum}–${n.maximum}`)
  else if (n.minimum !== undefined) parts.push(`不小于 ${n.minimum}`)
  else if (n.maximum !== undefined) parts.push(`不大于 ${n.maximum}`)
  if (n.format === 'date') parts.push('格式 YYYY-MM-DD，如 2024-04-10')
  if (n.maxLength !== undefined) parts.push(`不超过 ${n.maxLength} 字`)
  return parts.join('；')
}

interface Ctx {
  values: FormValues
  errorsAt: Map<string, PlacedError[]>
}

function Input(props: { node: LeafNode; path: string[]; ctx: Ctx; describedBy: string[] }) {
  const { node, path, ctx } = props
  const id = idOf(path)
  const name = nameOf(path)
  const value = ctx.values[name] ?? ''
  const invalid = (ctx.errorsAt.get(id)?.length ?? 0) > 0
  const describedBy = props.describedBy.length > 0 ? props.describedBy.join(' ') : undefined
  if (node.enum) {
    return (
      <select
        id={id}
        name={name}
        aria-describedby={describedBy}
        aria-invalid={invalid ? 'true' : undefined}
        aria-required={node.required ? 'true' : undefined}
      >
        <option value="">请选择</option>
        {node.enum.map((v) => (
          <option value={String(v)} selected={String(v) === value}>
            {String(v)}
          </option>
        ))}
      </select>
    )
  }
  if (node.type === 'boolean') {
    return (
      <input
        id={id}
        name={name}
        type="checkbox"
        checked={value === 'on' || value === 'true'}
        aria-describedby={describedBy}
      />
    )
  }
  const numeric = node.type === 'number' || node.type === 'integer'
  return (
    <input
      id={id}
      name={name}
      type="text"
      value={value}
      inputmode={
        node.type === 'number' ? 'decimal' : node.type === 'integer' ? 'numeric' : undefined
      }
      autocomplete="off"
      size={numeric ? 12 : node.maxLength && node.maxLength <= 30 ? 20 : 32}
      aria-describedby={describedBy}
      aria-invalid={invalid ? 'true' : undefined}
      aria-required={node.required ? 'true' : undefined}
    />
  )
}

function ErrorText(props: { id: string; errors?: PlacedError[] }) {
  if (!props.errors || props.errors.length === 0) return null
  return (
    <span class="error-message" id={`${props.id}-error`}>
      {props.errors.map((e) => (
        <span>{`错误：${e.message}`} </span>
      ))}
    </span>
  )
}

function Leaf(props: { node: LeafNode; ctx: Ctx }) {
  const { node, ctx } = props
  const id = idOf(node.path)
  const hint = constraintHint(node)
  const errors = ctx.errorsAt.get(id)
  const describedBy = [hint ? `${id}-hint` : '', errors ? `${id}-error` : ''].filter(Boolean)
  return (
    <div class="field">
      <label for={id}>
        {node.title}
        {node.required ? '（必填）' : '（选填）'}
      </label>
      {hint ? (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <ErrorText id={id} errors={errors} />
      <Input node={node} path={node.path} ctx={ctx} describedBy={describedBy} />
    </div>
  )
}

function Table(props: { node: TableNode; ctx: Ctx }) {
  const { node, ctx } = props
  const id = idOf(node.path)
  const rows = rowCount(ctx.values, node.path)
  const captionId = `${id}-caption`
  const tableErrors = ctx.errorsAt.get(id)
  return (
    <div class="field" id={id} tabindex={-1}>
      <ErrorText id={id} errors={tableErrors} />
      <section class="table-wrap" tabindex={0} aria-labelledby={captionId}>
        <table>
          <caption id={captionId}>{`${node.title}（每行一项，空行不提交）`}</caption>
          <thead>
            <tr>
              <th scope="col">行</th>
              {node.columns.map((c) => (
                <th scope="col">{`${c.title}${c.required ? '（必填）' : ''}`}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, i) => (
              <tr>
                <th scope="row">{`第 ${i + 1} 行`}</th>
                {node.columns.map((c) => {
                  const path = [...node.path, String(i), ...c.path]
                  const cellId = idOf(path)
                  const errors = ctx.errorsAt.get(cellId)
                  return (
                    <td>
                      <label class="sr-only" for={cellId}>{`第 ${i + 1} 行 ${c.title}`}</label>
                      <ErrorText id={cellId} errors={errors} />
                      <Input
                        node={c}
                        path={path}
                        ctx={ctx}
                        describedBy={errors ? [`${cellId}-error`] : []}
                      />
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <input type="hidden" name={rowsFieldOf(node.path)} value={String(rows)} />
      {rows < MAX_ROWS ? (
        <button type="submit" class="secondary" name="_action" value={`add:${nameOf(node.path)}`}>
          {`${node.title}增加 ${ADD_ROWS} 行`}
        </button>
      ) : null}
    </div>
  )
}

function Node(props: { node: FormNode; ctx: Ctx }) {
  const { node, ctx } = props
  if (node.kind === 'leaf') return <Leaf node={node} ctx={ctx} />
  if (node.kind === 'table') return <Table node={node} ctx={ctx} />
  const id = idOf(node.path)
  return (
    <fieldset id={id} tabindex={-1}>
      <legend>{node.title}</legend>
      <ErrorText id={id} errors={ctx.errorsAt.get(id)} />
      {node.children.map((c) => (
        <Node node={c} ctx={ctx} />
      ))}
    </fieldset>
  )
}

/** Props of the generated record form. */
export interface RecordFormProps {
  model: GroupNode
  action: string
  csrf: string
  values: FormValues
  errors: PlacedError[]
}

/** Increases the row count of the table named by an `add:<name>` action. */
export function addRows(model: GroupNode, values: FormValues, action: string): FormValues {
  const name = action.slice('add:'.length)
  const tables: TableNode[] = []
  const walk = (n: FormNode) => {
    if (n.kind === 'table') tables.push(n)
    if (n.kind === 'group') n.children.forEach(walk)
  }
  walk(model)
  const table = tables.find((t) => nameOf(t.path) === name)
  if (!table) return values
  const next = Math.min(rowCount(values, table.path) + ADD_ROWS, MAX_ROWS)
  return { ...values, [rowsFieldOf(table.path)]: String(next) }
}

/**
 * A form generated from a recordSchema: objects become fieldsets, arrays of line items a table
 * with blank rows and an "增加行" submit button (no script), errors sit next to their inputs and
 * are listed in a summary that links to them.
 */
export function RecordForm(props: RecordFormProps) {
  const errorsAt = new Map<string, PlacedError[]>()
  for (const e of props.errors) errorsAt.set(e.targetId, [...(errorsAt.get(e.targetId) ?? []), e])
  const ctx: Ctx = { values: props.values, errorsAt }
  const rootErrors = errorsAt.get('f-root')
  return (
    <form method="post" action={props.action} id="f-root" novalidate>
      {props.errors.length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">{`提交未成功：有 ${props.errors.length} 处需要修改`}</h2>
          <ul>
            {props.errors.map((e) => (
              <li>
                <a href={`#${e.targetId}`}>{`${e.field}：${e.message}`}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <input type="hidden" name="_csrf" value={props.csrf} />
      {rootErrors ? <ErrorText id="f-root" errors={rootErrors} /> : null}
      {props.model.children.map((c) => (
        <Node node={c} ctx={ctx} />
      ))}
      <p>
        <button type="submit" name="_action" value="submit">
          提交并公开
        </button>
      </p>
    </form>
  )
}
