/** Previous and next links of a paged list (`href(page)` gives each page's URL); nothing for one page. */
export function Pager(props: { page: number; pages: number; href: (page: number) => string }) {
  const { page, pages } = props
  if (pages <= 1) return null
  return (
    <nav aria-label="分页">
      <ul class="pager">
        {page > 1 ? (
          <li>
            <a href={props.href(page - 1)}>上一页</a>
          </li>
        ) : null}
        {page < pages ? (
          <li>
            <a href={props.href(page + 1)}>下一页</a>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}
