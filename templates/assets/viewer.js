// Deck viewer: one slide at a time, #N in the address, Marp fragments step by
// step, on-screen controls, an overview grid (O), touch swipe, an optional
// progress bar (?progress), and the presenter window (P): the same page opened
// with ?view=presenter in a second window, kept in step with this one both
// ways. The audience window never holds the notes: it drops them on load.
// No network; the two windows talk through BroadcastChannel (storage events
// where it is missing) and through the window that opened the other.
(function () {
  'use strict'
  var slides = Array.prototype.slice.call(document.querySelectorAll('#wk-stage > div.marpit > svg[data-marpit-svg]'))
  var body = document.body
  var params = new URLSearchParams(location.search)
  var participant = body.hasAttribute('data-participant')
  var presenter = document.getElementById('wk-presenter')
  var presenterMode = !participant && presenter !== null && params.get('view') === 'presenter'
  var notesElement = document.getElementById('wk-notes')
  var notes = presenterMode && notesElement ? JSON.parse(notesElement.textContent || '[]') : []
  if (!presenterMode) {
    // The room's window: no note, solution or facilitator text in its document at all.
    if (notesElement) notesElement.remove()
    if (presenter) presenter.remove()
    presenter = null
  }
  var planElement = document.getElementById('wk-plan')
  var plan = planElement ? JSON.parse(planElement.textContent || 'null') : null
  // Where each part of the deck starts (opening, each lesson, closing): heading ids are per lesson.
  var partsElement = document.getElementById('wk-parts')
  var parts = partsElement ? JSON.parse(partsElement.textContent || '[0]') : [0]
  var message = document.getElementById('wk-message')
  var current = 0
  var step = 0
  var startedAt = null
  var presenterWindow = null

  function clamp(i) { return Math.max(0, Math.min(slides.length - 1, i)) }

  // Marp fragments: list items of a "*" list and elements with data-marpit-fragment="k" appear one by one.
  function fragmentsOf(svg) { return Array.prototype.slice.call(svg.querySelectorAll('[data-marpit-fragment]')) }
  function fragmentCount(i) {
    if (i < 0 || i >= slides.length) return 0
    return fragmentsOf(slides[i]).reduce(function (max, el) { return Math.max(max, Number(el.getAttribute('data-marpit-fragment')) || 0) }, 0)
  }
  function applyFragments(svg, shown) {
    fragmentsOf(svg).forEach(function (el) {
      var hidden = (Number(el.getAttribute('data-marpit-fragment')) || 0) > shown
      el.classList.toggle('wk-fragment-hidden', hidden)
      if (hidden) el.setAttribute('aria-hidden', 'true')
      else el.removeAttribute('aria-hidden')
    })
  }

  // Show slide i with `shown` fragments (all of them when omitted). `quiet`: a move the other window sent.
  function show(i, shown, quiet, fromHash) {
    if (!slides.length) return
    var previous = current
    current = clamp(i)
    var count = fragmentCount(current)
    step = shown === undefined || shown === null ? count : Math.max(0, Math.min(count, shown))
    slides.forEach(function (s, n) {
      s.classList.toggle('wk-active', n === current)
      if (n === current) applyFragments(s, step)
      else if (n === previous) applyFragments(s, fragmentCount(n))
    })
    // An address past the end (#999) or not a number shows the nearest slide: say which.
    var wanted = '#' + (current + 1)
    if (location.hash !== wanted && (!fromHash || location.hash)) history.replaceState(null, '', location.pathname + location.search + wanted)
    document.getElementById('wk-count').textContent = (current + 1) + ' / ' + slides.length
    // At either end the button says it does nothing (it keeps its focus, unlike a disabled one).
    document.getElementById('wk-prev').setAttribute('aria-disabled', String(current === 0 && step === 0))
    document.getElementById('wk-next').setAttribute('aria-disabled', String(current === slides.length - 1 && step === count))
    var bar = document.getElementById('wk-progress-bar')
    if (bar) bar.style.width = (slides.length > 1 ? (current / (slides.length - 1)) * 100 : 100) + '%'
    if (presenter) renderPresenter()
    if (!quiet) send({ type: 'state', slide: current, step: step })
  }

  function forward() {
    if (step < fragmentCount(current)) show(current, step + 1)
    else if (current < slides.length - 1) show(current + 1, 0)
  }
  function backward() {
    if (step > 0) show(current, step - 1)
    else if (current > 0) show(current - 1)
  }
  // A jump (Home, End, a link, the overview) lands on a slide before its first fragment.
  function jump(i) { show(i, 0) }

  // ---- The two windows in step ------------------------------------------------
  var channelName = 'workshop-kit-deck:' + location.pathname
  var channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null
  var ownId = String(Date.now()) + Math.random()

  function send(data) {
    var payload = { wk: channelName, from: ownId, type: data.type, slide: data.slide, step: data.step }
    if (channel) channel.postMessage(payload)
    else {
      try { localStorage.setItem(channelName, JSON.stringify(payload)) } catch (e) { /* storage off: the window reference below still works */ }
    }
    // The window this one opened, or the one that opened it: reached even where the channel is not (file:// in some browsers).
    var other = presenterMode ? window.opener : presenterWindow
    if (other && !other.closed) {
      try { other.postMessage(payload, '*') } catch (e) { /* gone */ }
    }
  }

  var lastSeen = null
  function receive(data) {
    if (!data || data.wk !== channelName || data.from === ownId) return
    if (data.type === 'hello') {
      // A presenter window opened (or reloaded): tell it where the room is.
      if (!presenterMode) send({ type: 'state', slide: current, step: step })
      return
    }
    if (data.type !== 'state' || typeof data.slide !== 'number') return
    var key = data.from + ':' + data.slide + ':' + data.step
    if (key === lastSeen && data.slide === current && data.step === step) return
    lastSeen = key
    if (data.slide !== current || data.step !== step) show(data.slide, data.step, true)
  }
  if (channel) channel.onmessage = function (e) { receive(e.data) }
  else {
    window.addEventListener('storage', function (e) {
      if (e.key !== channelName || !e.newValue) return
      try { receive(JSON.parse(e.newValue)) } catch (err) { /* not ours */ }
    })
  }
  window.addEventListener('message', function (e) {
    if (e.source && (e.source === window.opener || e.source === presenterWindow)) receive(e.data)
  })

  function say(text) {
    message.textContent = text
    body.classList.add('wk-show-message')
    clearTimeout(say.timer)
    say.timer = setTimeout(function () { body.classList.remove('wk-show-message') }, 4000)
  }

  function openPresenter() {
    if (participant || !document.getElementById('wk-presenter-button')) {
      say(message.getAttribute('data-unavailable'))
      return null
    }
    if (presenterMode) return window
    if (presenterWindow && !presenterWindow.closed) {
      presenterWindow.focus()
      return presenterWindow
    }
    var url = location.pathname + '?view=presenter#' + (current + 1)
    presenterWindow = window.open(url, 'wk-presenter:' + location.pathname, 'popup,width=1200,height=760')
    if (!presenterWindow) say(message.getAttribute('data-popup-blocked'))
    return presenterWindow
  }

  // ---- The presenter window ---------------------------------------------------
  function cloneInto(container, index, shown) {
    container.textContent = ''
    if (index < slides.length) {
      // Marp's CSS is scoped to "div.marpit > svg": keep that wrapper.
      var wrapper = document.createElement('div')
      wrapper.className = 'marpit'
      var copy = slides[index].cloneNode(true)
      copy.classList.remove('wk-active')
      applyFragments(copy, shown)
      wrapper.appendChild(copy)
      container.appendChild(wrapper)
    }
  }

  function renderPresenter() {
    cloneInto(document.getElementById('wk-presenter-current'), current, step)
    // Next: the next step, a fragment of this slide or the next slide.
    if (step < fragmentCount(current)) cloneInto(document.getElementById('wk-presenter-next'), current, step + 1)
    else cloneInto(document.getElementById('wk-presenter-next'), current + 1, 0)
    document.getElementById('wk-presenter-count').textContent = (current + 1) + ' / ' + slides.length
    var box = document.getElementById('wk-presenter-notes')
    box.textContent = ''
    ;(notes[current] || []).forEach(function (text) {
      var p = document.createElement('p')
      p.textContent = text
      box.appendChild(p)
    })
    tick()
  }

  function minutesOf(clock) {
    var m = /^(\d{1,2}):(\d{2})$/.exec(clock || '')
    return m ? Number(m[1]) * 60 + Number(m[2]) : null
  }
  function clockOf(minutes) {
    var day = ((Math.round(minutes) % 1440) + 1440) % 1440
    return String(Math.floor(day / 60)).padStart(2, '0') + ':' + String(day % 60).padStart(2, '0')
  }

  // Where the plan says the room should be at this slide: the part's planned start, plus its share of the part's time.
  function plannedAt(i) {
    if (!plan || !plan.length) return null
    var n = 0
    for (var k = 0; k < plan.length; k++) if (plan[k].first <= i) n = k
    var part = plan[n]
    var start = minutesOf(part.start)
    var end = minutesOf(part.end)
    if (start === null || end === null) return null
    var last = n + 1 < plan.length ? plan[n + 1].first : slides.length
    var count = Math.max(1, last - part.first)
    if (end < start) end += 1440
    return start + ((end - start) * (i - part.first)) / count
  }

  function tick() {
    if (!presenter) return
    var now = new Date()
    if (startedAt === null) startedAt = now.getTime()
    var s = Math.max(0, Math.floor((now.getTime() - startedAt) / 1000))
    var h = Math.floor(s / 3600)
    var text = (h ? h + ':' : '') + String(Math.floor(s / 60) % (h ? 60 : Infinity)).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0')
    document.getElementById('wk-presenter-clock').textContent = text
    var nowMinutes = now.getHours() * 60 + now.getMinutes() + now.getSeconds() / 60
    document.getElementById('wk-presenter-time').textContent = clockOf(Math.floor(nowMinutes))
    var planned = plannedAt(current)
    var schedule = document.getElementById('wk-presenter-schedule')
    if (planned === null) { schedule.hidden = true; return }
    schedule.hidden = false
    document.getElementById('wk-presenter-planned').textContent = clockOf(Math.floor(planned))
    var drift = document.getElementById('wk-presenter-drift')
    // Minutes against the plan's clock, the nearest way round midnight.
    var diff = Math.round(((nowMinutes - planned) % 1440 + 2160) % 1440 - 720)
    var unit = drift.getAttribute('data-minutes')
    drift.className = diff > 0 ? 'wk-behind' : diff < 0 ? 'wk-ahead' : 'wk-on-time'
    drift.textContent = diff > 0 ? '+' + diff + ' ' + unit + ' ' + drift.getAttribute('data-behind')
      : diff < 0 ? '\u2212' + -diff + ' ' + unit + ' ' + drift.getAttribute('data-ahead')
      : drift.getAttribute('data-on-time')
  }

  if (presenterMode) {
    presenter.hidden = false
    body.classList.add('wk-presenting')
    document.title = document.getElementById('wk-presenter-button').getAttribute('aria-label') + ' · ' + document.title
    document.getElementById('wk-presenter-reset').addEventListener('click', function () { startedAt = Date.now(); tick() })
    setInterval(tick, 1000)
  }

  // ---- The overview grid ------------------------------------------------------
  var overview = document.getElementById('wk-overview')
  var grid = document.getElementById('wk-overview-grid')
  var lastFocus = null

  function buildOverview() {
    if (grid.childNodes.length) return
    var label = grid.getAttribute('data-slide-label')
    slides.forEach(function (svg, i) {
      var item = document.createElement('li')
      var button = document.createElement('button')
      button.type = 'button'
      var heading = svg.querySelector('h1, h2, h3, h4, h5, h6')
      var title = heading ? heading.textContent.replace(/\s+/g, ' ').trim() : ''
      button.setAttribute('aria-label', label + ' ' + (i + 1) + (title ? ': ' + title : ''))
      button.setAttribute('data-slide', String(i))
      var wrapper = document.createElement('div')
      wrapper.className = 'marpit'
      wrapper.setAttribute('aria-hidden', 'true')
      // Links inside a thumbnail are not stops of their own: the thumbnail is one button.
      wrapper.inert = true
      var copy = svg.cloneNode(true)
      copy.classList.remove('wk-active')
      applyFragments(copy, Infinity)
      Array.prototype.forEach.call(copy.querySelectorAll('[id]'), function (el) { el.removeAttribute('id') })
      wrapper.appendChild(copy)
      var number = document.createElement('span')
      number.className = 'wk-overview-number'
      number.textContent = String(i + 1)
      button.appendChild(wrapper)
      button.appendChild(number)
      button.addEventListener('click', function () { closeOverview(); jump(i) })
      item.appendChild(button)
      grid.appendChild(item)
    })
  }

  function openOverview() {
    buildOverview()
    lastFocus = document.activeElement
    overview.hidden = false
    body.classList.add('wk-overview-open')
    Array.prototype.forEach.call(grid.querySelectorAll('button'), function (b, n) {
      b.classList.toggle('wk-current', n === current)
      if (n === current) b.setAttribute('aria-current', 'true')
      else b.removeAttribute('aria-current')
    })
    var here = grid.querySelectorAll('button')[current]
    if (here) { here.focus(); here.scrollIntoView({ block: 'nearest' }) }
  }
  function closeOverview() {
    overview.hidden = true
    body.classList.remove('wk-overview-open')
    if (lastFocus && lastFocus.focus && document.contains(lastFocus)) lastFocus.focus()
  }
  function overviewOpen() { return !overview.hidden }

  // Arrow keys move between the grid's slides, by one or by a row.
  function moveInOverview(key) {
    var buttons = Array.prototype.slice.call(grid.querySelectorAll('button'))
    var at = buttons.indexOf(document.activeElement)
    if (at < 0) at = current
    var perRow = 1
    var top = buttons[0].getBoundingClientRect().top
    while (perRow < buttons.length && Math.abs(buttons[perRow].getBoundingClientRect().top - top) < 2) perRow++
    var to = { ArrowRight: at + 1, ArrowLeft: at - 1, ArrowDown: at + perRow, ArrowUp: at - perRow, Home: 0, End: buttons.length - 1 }[key]
    to = Math.max(0, Math.min(buttons.length - 1, to))
    buttons[to].focus()
    buttons[to].scrollIntoView({ block: 'nearest' })
  }

  // ---- Keyboard, buttons, clicks, touch ---------------------------------------
  function toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen()
    else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen()
  }

  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    var target = e.target
    // Enter and Space on a focused button or link are that control's.
    var onControl = target && target.closest && target.closest('button, a, input, textarea, select')
    if (overviewOpen()) {
      switch (e.key) {
        case 'Escape': case 'o': case 'O': closeOverview(); break
        case 'ArrowRight': case 'ArrowLeft': case 'ArrowDown': case 'ArrowUp': case 'Home': case 'End': moveInOverview(e.key); break
        default: return
      }
      e.preventDefault()
      return
    }
    switch (e.key) {
      case ' ': case 'Enter':
        if (onControl) return
        forward(); break
      case 'ArrowRight': case 'ArrowDown': case 'PageDown': case 'n': case 'N':
        forward(); break
      case 'ArrowLeft': case 'ArrowUp': case 'PageUp': case 'Backspace':
        backward(); break
      case 'Home': jump(0); break
      case 'End': jump(slides.length - 1); break
      case 'p': case 'P': openPresenter(); break
      case 'o': case 'O': openOverview(); break
      case 'Escape':
        if (presenterMode) window.close()
        else body.classList.remove('wk-show-help')
        break
      case 'f': case 'F': toggleFullscreen(); break
      case '?': body.classList.toggle('wk-show-help'); break
      default: return
    }
    e.preventDefault()
  })

  document.getElementById('wk-prev').addEventListener('click', backward)
  document.getElementById('wk-next').addEventListener('click', forward)
  document.getElementById('wk-overview-button').addEventListener('click', openOverview)
  var presenterButton = document.getElementById('wk-presenter-button')
  if (presenterButton) {
    if (presenterMode) presenterButton.hidden = true
    else presenterButton.addEventListener('click', openPresenter)
  }
  overview.addEventListener('click', function (e) { if (e.target === overview) closeOverview() })
  document.getElementById('wk-overview-close').addEventListener('click', closeOverview)

  // The mouse at rest: the controls fade out (a keyboard's focus brings them back).
  var idleTimer = null
  function awake() {
    body.classList.remove('wk-idle')
    clearTimeout(idleTimer)
    idleTimer = setTimeout(function () { body.classList.add('wk-idle') }, 2500)
  }
  document.addEventListener('mousemove', awake)
  awake()

  // The slide holding an element with this id: in the part (lesson) of slide `from` first, else anywhere.
  function anchorSlide(id, from) {
    var start = 0
    var end = slides.length
    parts.forEach(function (first, n) { if (first <= from) { start = first; end = n + 1 < parts.length ? parts[n + 1] : slides.length } })
    var find = function (a, b) {
      for (var i = a; i < b; i++) {
        var found = Array.prototype.some.call(slides[i].querySelectorAll('[id]'), function (el) { return el.id === id })
        if (found) return i
      }
      return -1
    }
    var i = find(start, end)
    return i >= 0 ? i : find(0, slides.length)
  }

  function slideOf(node) {
    var svg = node.closest && node.closest('svg[data-marpit-svg]')
    return svg ? slides.indexOf(svg) : current
  }

  var swiped = false
  document.getElementById('wk-stage').addEventListener('click', function (e) {
    if (swiped) { swiped = false; return }
    var link = e.target.closest && e.target.closest('a')
    if (link) {
      // "#heading" links go to that heading's slide, in the lesson they are in.
      var href = link.getAttribute('href') || ''
      if (href.charAt(0) === '#' && !/^#\d+$/.test(href)) {
        var target = anchorSlide(decodeURIComponent(href.slice(1)), slideOf(link))
        if (target >= 0) {
          e.preventDefault()
          jump(target)
        }
      }
      return
    }
    if (e.clientX < window.innerWidth / 3) backward()
    else forward()
  })

  // Touch: a swipe left goes forward, right goes back.
  var touchStart = null
  document.addEventListener('touchstart', function (e) {
    touchStart = e.touches.length === 1 ? { x: e.touches[0].clientX, y: e.touches[0].clientY } : null
  }, { passive: true })
  document.addEventListener('touchend', function (e) {
    if (!touchStart || overviewOpen() || !e.changedTouches.length) return
    var dx = e.changedTouches[0].clientX - touchStart.x
    var dy = e.changedTouches[0].clientY - touchStart.y
    touchStart = null
    if (Math.abs(dx) < 40 || Math.abs(dx) < Math.abs(dy) * 1.5) return
    swiped = true
    setTimeout(function () { swiped = false }, 400)
    if (dx < 0) forward()
    else backward()
  })

  window.addEventListener('hashchange', function () { show(fromHashIndex(), 0, false, true) })
  function fromHashIndex() {
    var n = parseInt(location.hash.slice(1), 10)
    if (!isNaN(n) || !location.hash) return isNaN(n) ? 0 : n - 1
    var target = anchorSlide(decodeURIComponent(location.hash.slice(1)), current)
    return target >= 0 ? target : 0
  }

  if (params.has('progress') && params.get('progress') !== '0' && !presenterMode) {
    document.getElementById('wk-progress').hidden = false
    body.classList.add('wk-with-progress')
  }

  // Exposed for tests and for anyone scripting the deck.
  window.workshopKitDeck = {
    get current() { return current },
    get count() { return slides.length },
    /** Fragments shown on the current slide, and how many it has. */
    get fragment() { return step },
    get fragments() { return fragmentCount(current) },
    get view() { return presenterMode ? 'presenter' : participant ? 'participant' : 'audience' },
    go: function (i, shown) { show(i, shown === undefined ? 0 : shown) },
    next: forward,
    previous: backward,
    notes: function (i) { return notes[i === undefined ? current : i] || [] },
    openPresenter: openPresenter,
    /** The presenter window is a window of its own now: P opens it (kept for scripts). */
    togglePresenter: openPresenter,
    overview: function (open) { if (open === false) closeOverview(); else openOverview() },
  }

  show(fromHashIndex(), 0, true, true)
  if (presenterMode) send({ type: 'hello' })
  else send({ type: 'state', slide: current, step: step })
  if (!presenterMode) {
    body.classList.add('wk-show-help')
    setTimeout(function () { body.classList.remove('wk-show-help') }, 2500)
  }
})()
