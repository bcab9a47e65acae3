// The script the dev server adds to every page it serves (never to a built
// kit): it listens to the server's events, reloads the page when a rebuild
// changed it (the deck keeps its slide: the viewer keeps "#N" in the address,
// which a reload keeps; other pages keep their scroll position), and shows
// every problem of a broken edit over the last good page. All text is set
// with textContent: diagnostics quote the author's files.

/** Where the dev server's own resources live; no kit path starts with it (a client id cannot start with "_"). */
export const DEV_PREFIX = '/__workshop-kit/'
export const EVENTS_PATH = `${DEV_PREFIX}events`
export const CLIENT_PATH = `${DEV_PREFIX}client.js`
export const DIAGNOSTICS_PATH = `${DEV_PREFIX}diagnostics.json`
export const OVERLAY_ID = 'workshop-kit-dev-overlay'

/** The tag added before </body>: the page's kit path and the version served, so a change missed while loading is caught. */
export function clientTag(page: string, version: number): string {
  const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
  return `<script src="${CLIENT_PATH}" data-page="${attribute(page)}" data-version="${version}"></script>`
}

export const clientScript = `(function () {
  'use strict'
  var me = document.currentScript
  var page = me.getAttribute('data-page')
  var version = Number(me.getAttribute('data-version'))
  var key = 'workshop-kit-dev-scroll:' + page
  try {
    var saved = sessionStorage.getItem(key)
    if (saved) {
      sessionStorage.removeItem(key)
      var at = JSON.parse(saved)
      var restore = function () { window.scrollTo(at[0], at[1]) }
      if (document.readyState === 'complete') restore()
      else window.addEventListener('load', restore)
    }
  } catch (e) {}

  var reloading = false
  function reload() {
    if (reloading) return
    reloading = true
    try { sessionStorage.setItem(key, JSON.stringify([window.scrollX, window.scrollY])) } catch (e) {}
    // The address keeps its "#N": the deck opens again on the same slide.
    location.reload()
  }

  function el(tag, style, text) {
    var node = document.createElement(tag)
    if (style) node.setAttribute('style', style)
    if (text !== undefined) node.textContent = text
    return node
  }

  function showProblems(list) {
    var old = document.getElementById('${OVERLAY_ID}')
    if (old) old.remove()
    var errors = list.filter(function (d) { return d.severity === 'error' })
    if (!errors.length) return
    var box = el('div', 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.92);color:#f4f4f5;' +
      'font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:24px;box-sizing:border-box;text-align:left')
    box.id = '${OVERLAY_ID}'
    box.setAttribute('role', 'alert')
    var title = errors.length === 1 ? '1 error' : errors.length + ' errors'
    box.appendChild(el('h2', 'margin:0 0 4px;font-size:18px;color:#fca5a5', 'workshop-kit: ' + title))
    box.appendChild(el('p', 'margin:0 0 16px;color:#a1a1aa', 'The page below is the last good build. Fix the file and save: this goes away.'))
    list.forEach(function (d) {
      var item = el('section', 'margin:0 0 16px;padding:12px;border-left:4px solid ' + (d.severity === 'error' ? '#f87171' : d.severity === 'info' ? '#60a5fa' : '#facc15') + ';background:rgba(255,255,255,.05)')
      item.className = 'workshop-kit-dev-problem'
      item.appendChild(el('div', 'font-weight:bold', (d.place ? d.place + ': ' : '') + d.severity + ': ' + d.message))
      if (d.frame && d.frame.length) item.appendChild(el('pre', 'margin:8px 0;white-space:pre;overflow:auto;color:#e4e4e7', d.frame.join('\\n')))
      if (d.hint) item.appendChild(el('div', 'color:#67e8f9', 'hint: ' + d.hint))
      box.appendChild(item)
    })
    var close = el('button', 'position:fixed;top:12px;right:16px;font:inherit;background:none;border:1px solid #71717a;color:inherit;cursor:pointer', '×')
    close.setAttribute('aria-label', 'Hide')
    close.onclick = function () { box.remove() }
    box.appendChild(close)
    ;(document.body || document.documentElement).appendChild(box)
  }

  var source = new EventSource('${EVENTS_PATH}?page=' + encodeURIComponent(page))
  source.addEventListener('state', function (e) {
    var state = JSON.parse(e.data)
    if (state.version !== version) return reload()
    showProblems(state.diagnostics)
  })
  source.addEventListener('reload', function (e) {
    if (JSON.parse(e.data).pages.indexOf(page) >= 0) reload()
  })
  source.addEventListener('diagnostics', function (e) {
    showProblems(JSON.parse(e.data).diagnostics)
  })
  window.addEventListener('pagehide', function () { source.close() })
})()
`
