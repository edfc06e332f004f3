/** Urgency colours of the officer pages. Colour is never the only signal: every row also says its state in words. */
export const URGENCY_CSS = `
.urgency { display: inline-block; padding: .1em .5em; border-radius: .3em; border: 1px solid; }
.urgency-overdue { background: #fde8e8; color: #8a1010; border-color: #8a1010; }
.urgency-soon { background: #fff4d6; color: #6b4700; border-color: #6b4700; }
.urgency-ok { background: #e6f4ea; color: #14532d; border-color: #14532d; }
.urgency-paused, .urgency-closed { background: #eef0f3; color: #333; border-color: #555; }
`

/** Links between the officer's three lists and the logout button. */
export function OfficerNav(props: { csrf: string }) {
  return (
    <>
      <nav aria-label="办理事项">
        <ul class="pager">
          <li>
            <a href="/officer/requests">依申请公开</a>
          </li>
          <li>
            <a href="/officer/messages">政民互动留言</a>
          </li>
          <li>
            <a href="/officer/consultations">意见征集</a>
          </li>
        </ul>
      </nav>
      <form method="post" action="/officer/logout">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <button type="submit" class="secondary">
          退出登录
        </button>
      </form>
    </>
  )
}
