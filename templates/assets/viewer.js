// Deck viewer: keyboard navigation, #N in the address, presenter view (P)
// with current and next slide, notes and a clock. No network, no storage.
(function () {
  'use strict'
  var slides = Array.prototype.slice.call(document.querySelectorAll('#wk-stage > div.marpit > svg[data-marpit-svg]'))
  var notes = JSON.parse(document.getElementById('wk-notes').textContent || '[]')
  // Where each part of the deck starts (opening, each lesson, closing): heading ids are per lesson.
  var partsElement = document.getElementById('wk-parts')
  var parts = partsElement ? JSON.parse(partsElement.textContent || '[0]') : [0]
  var presenter = document.getElementById('wk-presenter')
  var current = 0
  var startedAt = null

  function clamp(i) { return Math.max(0, Math.min(slides.length - 1, i)) }

  function show(i, fromHash) {
    if (!slides.length) return
    current = clamp(i)
    slides.forEach(function (s, n) { s.classList.toggle('wk-active', n === current) })
    // An address past the end (#999) or not a number shows the nearest slide: say which.
    var wanted = '#' + (current + 1)
    if (location.hash !== wanted && (!fromHash || location.hash)) history.replaceState(null, '', wanted)
    if (!presenter.hidden) renderPresenter()
  }

  function cloneInto(container, index) {
    container.textContent = ''
    if (index < slides.length) {
      // Marp's CSS is scoped to "div.marpit > svg": keep that wrapper.
      var wrapper = document.createElement('div')
      wrapper.className = 'marpit'
      var copy = slides[index].cloneNode(true)
      copy.classList.remove('wk-active')
      wrapper.appendChild(copy)
      container.appendChild(wrapper)
    }
  }

  function renderPresenter() {
    cloneInto(document.getElementById('wk-presenter-current'), current)
    cloneInto(document.getElementById('wk-presenter-next'), current + 1)
    document.getElementById('wk-presenter-count').textContent = (current + 1) + ' / ' + slides.length
    var box = document.getElementById('wk-presenter-notes')
    box.textContent = ''
    ;(notes[current] || []).forEach(function (text) {
      var p = document.createElement('p')
      p.textContent = text
      box.appendChild(p)
    })
  }

  function togglePresenter() {
    presenter.hidden = !presenter.hidden
    document.body.classList.toggle('wk-presenting', !presenter.hidden)
    if (!presenter.hidden) {
      if (startedAt === null) startedAt = Date.now()
      renderPresenter()
    }
  }

  setInterval(function () {
    if (startedAt === null) return
    var s = Math.floor((Date.now() - startedAt) / 1000)
    var text = String(Math.floor(s / 60)).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0')
    document.getElementById('wk-presenter-clock').textContent = text
  }, 1000)

  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    switch (e.key) {
      case 'ArrowRight': case 'ArrowDown': case 'PageDown': case ' ': case 'Enter': case 'n':
        show(current + 1); break
      case 'ArrowLeft': case 'ArrowUp': case 'PageUp': case 'Backspace':
        show(current - 1); break
      case 'Home': show(0); break
      case 'End': show(slides.length - 1); break
      case 'p': case 'P': togglePresenter(); break
      case 'f': case 'F':
        if (document.fullscreenElement) document.exitFullscreen()
        else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen()
        break
      case '?': document.body.classList.toggle('wk-show-help'); break
      default: return
    }
    e.preventDefault()
  })

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

  document.getElementById('wk-stage').addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('a')
    if (link) {
      // "#heading" links go to that heading's slide, in the lesson they are in.
      var href = link.getAttribute('href') || ''
      if (href.charAt(0) === '#' && !/^#\d+$/.test(href)) {
        var target = anchorSlide(decodeURIComponent(href.slice(1)), slideOf(link))
        if (target >= 0) {
          e.preventDefault()
          show(target)
        }
      }
      return
    }
    show(e.clientX < window.innerWidth / 3 ? current - 1 : current + 1)
  })

  window.addEventListener('hashchange', function () { show(fromHashIndex(), true) })
  function fromHashIndex() {
    var n = parseInt(location.hash.slice(1), 10)
    if (!isNaN(n) || !location.hash) return isNaN(n) ? 0 : n - 1
    var target = anchorSlide(decodeURIComponent(location.hash.slice(1)), current)
    return target >= 0 ? target : 0
  }

  // Exposed for tests and for anyone scripting the deck.
  window.workshopKitDeck = {
    get current() { return current },
    get count() { return slides.length },
    go: show,
    notes: function (i) { return notes[i === undefined ? current : i] || [] },
    togglePresenter: togglePresenter,
  }

  show(fromHashIndex(), true)
  document.body.classList.add('wk-show-help')
  setTimeout(function () { document.body.classList.remove('wk-show-help') }, 2500)
})()
