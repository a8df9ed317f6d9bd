// annals: the analyst's workbench. One page; the view is chosen by the URL's
// hash (#/search, #/story/ID, #/entity/ID, #/profile, #/calendar,
// #/entities) and filled from the JSON API (/api/v1/, docs/api.md).
// Every text from the archive goes into the page as a text node
// (textContent, createTextNode): never as HTML.
'use strict';

(function () {
  const main = document.getElementById('main');
  const statusLine = document.getElementById('status');
  const charts = [];
  // Curation: allowed when the server says so, with the token it printed in
  // the address it gave (#token=...), kept for this tab only.
  let editsAllowed = false;
  if (location.hash.startsWith('#token=')) {
    sessionStorage.setItem('annals-token', location.hash.slice(7));
    history.replaceState(null, '', location.pathname + '#/search');
  }
  const token = sessionStorage.getItem('annals-token') || '';

  // ---- building the page ----
  // h('a', {href: '#/x', class: 'c'}, 'text', child...): an element; strings
  // become text nodes; attributes are set one by one (no HTML is parsed).
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'onclick') el.addEventListener('click', v);
      else if (k === 'onsubmit') el.addEventListener('submit', v);
      else if (k === 'onchange') el.addEventListener('change', v);
      else if (k === 'href') el.setAttribute('href', safeHref(v));
      else el.setAttribute(k, v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return el;
  }
  // Links go to this page's views, this server's API, or http(s) pages;
  // anything else (javascript:, data:, ...) is dropped.
  function safeHref(v) {
    const s = String(v);
    if (s.startsWith('#/') || s.startsWith('/api/v1/')) return s;
    if (/^https?:\/\//i.test(s)) return s;
    return '#';
  }
  function external(url, label) {
    if (/^https?:\/\//i.test(url)) {
      return h('a', {href: url, rel: 'noopener noreferrer nofollow', target: '_blank'}, label || url);
    }
    return h('span', {class: 'path'}, label || url);
  }
  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }
  // Charts of a view being built, drawn once its canvases are in the page.
  const pendingCharts = [];
  function show(...nodes) {
    while (charts.length) charts.pop().destroy();
    clear(main);
    for (const n of nodes.flat(Infinity)) if (n) main.appendChild(n);
    while (pendingCharts.length) pendingCharts.shift()();
    window.scrollTo(0, 0);
  }
  function storyLink(id, title, date) {
    return h('a', {href: '#/story/' + encodeURIComponent(id), class: 'story-link'},
      title || '(untitled story ' + id + ')');
  }
  // The evidence of a fact or event (the API's {story, page, sentence}): a
  // line that opens on the sentence it was read from, its story and page.
  function evidenceLine(ev) {
    if (!ev || !ev.sentence) return null;
    return h('details', {class: 'evidence-line'}, h('summary', {}, 'evidence'),
      h('blockquote', {class: 'evidence-sentence'}, ev.sentence),
      h('span', {class: 'meta'}, ev.story ? storyLink(ev.story, 'story') : null,
        ev.page ? [' · ', external(ev.page)] : null));
  }
  function entityLink(id, name, type) {
    return h('a', {href: '#/entity/' + encodeURIComponent(id), class: 'ent ent-' + (type || 'x')}, name);
  }
  function entityByName(name) {
    return h('a', {href: '#/entity?name=' + encodeURIComponent(name), class: 'ent'}, name);
  }
  function dateText(d) {
    return d ? d : 'undated';
  }
  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined) q.set(k, v);
    const s = q.toString();
    return s ? '?' + s : '';
  }
  function section(title, ...content) {
    return h('section', {class: 'card'}, h('h2', {}, title), ...content);
  }
  function downloads(path, params, formats) {
    return h('p', {class: 'downloads'}, 'Download: ',
      formats.map((f, i) => [i ? ' · ' : '',
        h('a', {href: '/api/v1/' + path + query(Object.assign({}, params, {format: f, offset: '', limit: '', cursor: '', before: ''})),
          class: 'download', download: ''}, f.toUpperCase())]));
  }

  async function api(path, params) {
    const r = await fetch('/api/v1/' + path + query(params || {}));
    let body;
    try {
      body = await r.json();
    } catch (e) {
      throw new Error('the server answered ' + r.status);
    }
    if (!r.ok) {
      const err = new Error(body.error || ('the server answered ' + r.status));
      err.candidates = body.candidates || null;
      throw err;
    }
    return body;
  }
  async function post(path, body) {
    const r = await fetch('/api/v1/' + path, {method: 'POST', body: JSON.stringify(body),
      headers: {'Content-Type': 'application/json', 'X-Annals-Token': token}});
    let answer;
    try {
      answer = await r.json();
    } catch (e) {
      throw new Error('the server answered ' + r.status);
    }
    if (!r.ok) {
      const err = new Error(answer.error || ('the server answered ' + r.status));
      err.needsForce = !!answer.needs_force;
      throw err;
    }
    return answer;
  }
  function failure(e) {
    show(h('p', {class: 'error'}, String(e.message || e)));
  }

  // ---- dates on a chart's axis: years with a fraction ----
  function yearOf(d, end) {
    if (!d) return null;
    const p = d.split('-').map(Number);
    const y = p[0];
    if (p.length === 1) return end ? y + 1 : y;
    const m = p[1] - 1;
    if (p.length === 2) return y + (end ? m + 1 : m) / 12;
    return y + m / 12 + (p[2] - (end ? 0 : 1)) / 365;
  }
  function axisYear(v) {
    const y = Math.floor(v + 1e-9);
    const m = Math.round((v - y) * 12);
    return m === 0 ? String(y) : y + '-' + String(m + 1).padStart(2, '0');
  }
  function chart(canvas, config) {
    if (typeof Chart === 'undefined') {
      canvas.replaceWith(h('p', {class: 'error'}, 'Chart.js is missing from this build.'));
      return;
    }
    config.options = Object.assign({animation: false, maintainAspectRatio: false, responsive: true}, config.options);
    charts.push(new Chart(canvas, config));
  }
  // Horizontal bars from [start, end] years: office holders, posts, events.
  // from, to: the years the axis spans (else those of the rows); labelWidth:
  // the pixels of the labels' column, fixed so that charts stacked one
  // above another put the same years at the same places.
  function ganttChart(id, rows, from, to, labelWidth) {
    const canvas = h('canvas', {id: id});
    const box = h('div', {class: 'chart-box'}, canvas);
    box.style.height = (rows.length * 24 + 60) + 'px';  // CSSOM: allowed by the CSP
    const min = from !== undefined ? from : Math.min(...rows.map(r => r.start));
    const max = to !== undefined ? to : Math.max(...rows.map(r => r.end));
    pendingCharts.push(() => chart(canvas, {
      type: 'bar',
      data: {
        labels: rows.map(r => r.label),
        datasets: [{data: rows.map(r => [r.start, r.end]), backgroundColor: rows.map(r => r.color || '#3b6ea8'),
          borderSkipped: false, barPercentage: 0.7}],
      },
      options: {
        indexAxis: 'y',
        plugins: {legend: {display: false},
          tooltip: {callbacks: {label: c => rows[c.dataIndex].tip}}},
        scales: {x: {min: Math.floor(min), max: Math.ceil(max + 0.01), ticks: {callback: axisYear}},
          y: labelWidth ? {afterFit: scale => { scale.width = labelWidth; }} : {}},
        onClick: (ev, els) => {
          if (els.length && rows[els[0].index].href) location.hash = rows[els[0].index].href;
        },
      },
    }));
    return box;
  }
  function spanRow(label, first, last, tip, href, color) {
    const a = yearOf(first, false), b = yearOf(last || first, true);
    if (a === null) return null;
    return {label, start: a, end: Math.max(b, a + 1 / 24), tip, href, color};
  }

  // ---- search ----
  async function viewSearch(p) {
    const qv = p.get('q') || '';
    const at = pageAt(p);
    const filters = {year: p.get('year') || '', entity: p.get('entity') || '', event_type: p.get('event_type') || ''};
    const input = h('input', {type: 'search', name: 'q', id: 'q', placeholder: 'words, "a phrase", prefix*, AND / OR / NOT', autofocus: ''});
    input.value = qv;
    const form = h('form', {class: 'searchbox', onsubmit: ev => {
      ev.preventDefault();
      location.hash = '#/search' + query({q: input.value.trim()});
    }}, input, h('button', {type: 'submit'}, 'Search'));
    if (!qv) {
      const res = await api('stories', Object.assign({limit: 20}, at));
      show(form, h('h1', {}, 'Latest stories'),
        h('p', {class: 'total', id: 'total'}, res.total + ' stories in the archive (undated ones last)'),
        h('ol', {class: 'results'}, res.items.map(s => h('li', {},
          h('div', {class: 'meta'}, h('span', {class: 'date'}, dateText(s.date))), storyLink(s.id, s.title),
          h('p', {class: 'snippet'}, s.text.length > 240 ? s.text.slice(0, 240) + '…' : s.text)))),
        pager(res, c => '#/search' + query(c)),
        downloads('stories', {}, ['csv', 'jsonl']));
      return;
    }
    const params = Object.assign({q: qv, limit: 20}, filters, at);
    const res = await api('search', params);
    const link = (change) => '#/search' + query(Object.assign({q: qv}, filters, change));
    const facet = (title, key, items, label) => items.length === 0 ? null : h('div', {class: 'facet', id: 'facet-' + key},
      h('h3', {}, title),
      h('ul', {}, items.map(f => h('li', {class: filters[key] === f.value ? 'active' : null},
        h('a', {href: link({[key]: filters[key] === f.value ? '' : f.value})}, label(f)),
        h('span', {class: 'count'}, String(f.count))))));
    const chips = Object.entries(filters).filter(([, v]) => v).map(([k, v]) => {
      let name = v;
      if (k === 'entity') {
        const f = res.facets.entity.find(x => x.value === v);
        name = f ? f.name : v;
      }
      return h('a', {class: 'chip', href: link({[k]: ''})}, k.replace('_', ' ') + ': ' + name + ' ✕');
    });
    show(form,
      h('div', {class: 'with-facets'},
        h('aside', {class: 'facets'},
          facet('Year', 'year', res.facets.year, f => f.value),
          facet('Event type', 'event_type', res.facets.event_type, f => f.value),
          facet('Entity', 'entity', res.facets.entity, f => f.name)),
        h('div', {class: 'hits'},
          h('p', {class: 'total', id: 'total'}, res.total === 1 ? '1 story' : res.total + ' stories', chips.length ? ' · ' : '', chips),
          h('ol', {class: 'results', id: 'results'}, res.items.map(hit => h('li', {},
            h('div', {class: 'meta'}, h('span', {class: 'date'}, dateText(hit.date)),
              hit.pages > 1 ? h('span', {class: 'pages'}, ' · seen on ' + hit.pages + ' pages') : null),
            storyLink(hit.id, hit.title),
            h('p', {class: 'snippet'}, hit.snippet_parts.map(part => part.match ? h('mark', {}, part.text) : part.text))))),
          res.total === 0 ? h('p', {}, 'Nothing matches. Try fewer words, or prefix* forms.') : null,
          pager(res, c => '#/search' + query(Object.assign({q: qv}, filters, c))),
          downloads('search', Object.assign({q: qv}, filters), ['csv', 'jsonl']))));
  }
  // Where a listing's page starts, from the view's address: after the item
  // of a cursor (the API's next_cursor), before the item of another (its
  // prev_cursor), or an offset (older addresses). Cursors find their page
  // by a binary search on the server: a deep page costs what the first does.
  function pageAt(p) {
    if (p.get('cursor')) return {cursor: p.get('cursor')};
    if (p.get('before')) return {before: p.get('before')};
    return p.get('offset') ? {offset: p.get('offset')} : {};
  }
  // The pager of a listing's page: the page before, "N–M of T", the page after.
  function pager(res, hrefOf) {
    if (!res.prev_cursor && !res.next_cursor && res.offset === 0) return null;
    const first = res.items.length ? res.offset + 1 : res.offset;
    const last = res.offset + res.items.length;
    return h('nav', {class: 'pager', id: 'pager'},
      res.prev_cursor ? h('a', {href: hrefOf({before: res.prev_cursor}), rel: 'prev', id: 'prev'}, '← previous') : null,
      h('span', {id: 'page-range'}, ' ' + first + '–' + last + ' of ' + res.total + ' '),
      res.next_cursor ? h('a', {href: hrefOf({cursor: res.next_cursor}), rel: 'next', id: 'next'}, 'next →') : null);
  }

  // ---- one story ----
  function storyText(story, hl) {
    // Cut the text at every mention and at the highlighted sentence; each
    // piece is a text node, a link to its entity, or inside <mark>.
    const text = story.text;
    const cuts = new Set([0, text.length]);
    const ms = story.mentions.filter(m => m.utf16[1] > m.utf16[0]);
    for (const m of ms) { cuts.add(m.utf16[0]); cuts.add(m.utf16[1]); }
    if (hl) { cuts.add(hl[0]); cuts.add(hl[1]); }
    const at = [...cuts].filter(x => x >= 0 && x <= text.length).sort((a, b) => a - b);
    const box = h('div', {class: 'story-text', id: 'story-text'});
    let mark = null;
    for (let i = 0; i + 1 < at.length; i++) {
      const a = at[i], b = at[i + 1];
      const piece = text.slice(a, b);
      const m = ms.find(x => x.utf16[0] <= a && x.utf16[1] >= b);
      const node = m ? entityLink(m.entity, piece, m.type) : document.createTextNode(piece);
      if (m) node.title = m.name + ' (' + m.type + ')';
      const inHl = hl && a >= hl[0] && b <= hl[1];
      if (inHl) {
        if (!mark) { mark = h('mark', {class: 'evidence', id: 'evidence'}); box.appendChild(mark); }
        mark.appendChild(node);
      } else {
        mark = null;
        box.appendChild(node);
      }
    }
    return box;
  }
  function factText(f) {
    if (f.type === 'holds_post') return [entityByName(f.person), ' — ' + f.post + (f.organization ? ', ' : ''), f.organization ? entityByName(f.organization) : null];
    if (f.type === 'chairs') return [entityByName(f.country), ' chairs ', f.organization ? entityByName(f.organization) : 'the organization', ' in ' + f.year];
    return [entityByName(f.country), ' is a member of ', f.organization ? entityByName(f.organization) : 'the organization'];
  }
  function eventLine(e) {
    return [h('span', {class: 'etype etype-' + e.type}, e.type), ' ',
      h('span', {class: 'date'}, e.date_end ? e.date + ' – ' + e.date_end : (e.date || 'undated')),
      e.place ? [' · ', entityByName(e.place)] : null,
      e.participants.length ? [' · ', e.participants.map((n, i) => [i ? ', ' : '', entityByName(n)])] : null,
      e.chair ? [' · chair ', entityByName(e.chair)] : null];
  }
  async function viewStory(id, p) {
    const story = await api('story/' + encodeURIComponent(id));
    const hlParam = (p.get('hl') || '').split('-').map(Number);
    const hl = hlParam.length === 2 && hlParam.every(Number.isFinite) ? hlParam : null;
    const here = '#/story/' + encodeURIComponent(id);
    const evidence = (span) => span ? h('a', {class: 'evidence-link', href: here + '?hl=' + span[0] + '-' + span[1]}, 'show sentence') : null;
    const ents = new Map();
    for (const m of story.mentions) ents.set(m.entity, m);
    show(
      h('article', {class: 'card story'},
        h('div', {class: 'meta'}, h('span', {class: 'date'}, dateText(story.date)), ' · story ' + story.id),
        h('h1', {id: 'story-title'}, story.title || '(untitled)'),
        storyText(story, hl),
        story.attachments.length ? h('div', {class: 'attachments'}, h('h3', {}, 'Attachments'),
          h('ul', {}, story.attachments.map(a => h('li', {}, external(a))))) : null,
        story.links.length ? h('div', {class: 'links'}, h('h3', {}, 'Links'),
          h('ul', {}, story.links.map(a => h('li', {}, external(a))))) : null),
      section('Seen on ' + story.sources.length + (story.sources.length === 1 ? ' page' : ' pages'),
        h('ul', {class: 'sources'}, story.sources.map(s => h('li', {}, external(s.page), h('span', {class: 'role'}, ' ' + s.role))))),
      story.facts.length ? section('Facts read from it',
        h('ul', {class: 'facts', id: 'facts'}, story.facts.map(f => h('li', {}, h('span', {class: 'ftype'}, f.type.replace('_', ' ')), ' ', factText(f), ' ', evidence(f.sentence_utf16))))) : null,
      story.events.length ? section('Events it reports',
        h('ul', {class: 'events', id: 'events'}, story.events.map(e => h('li', {}, eventLine(e), ' ', evidence(e.sentence_utf16), e.story !== story.id ? evidenceLine(e.evidence) : null)))) : null,
      ents.size ? section('Entities named',
        h('p', {class: 'entity-cloud'}, [...ents.values()].map((m, i) => [i ? ' · ' : '', entityLink(m.entity, m.name, m.type)]))) : null);
    const ev = document.getElementById('evidence');
    if (ev) ev.scrollIntoView({block: 'center'});
  }

  // ---- one entity ----
  async function viewEntity(id, p) {
    let e;
    try {
      e = id ? await api('entity/' + encodeURIComponent(id)) : await api('entity', {name: p.get('name') || ''});
    } catch (err) {
      // An ambiguous name: the entities it may mean, each a link.
      if (!err.candidates) throw err;
      show(section('Which one?', h('p', {}, String(err.message)),
        h('ul', {id: 'candidates'}, err.candidates.map(c => h('li', {}, entityLink(c.id, c.name, c.type),
          h('span', {class: 'count'}, ' ' + c.type + ' · ' + c.mentions + ' mentions'))))));
      return;
    }
    const curate = editsAllowed ? await curateCard(e) : null;
    const mentionsCanvas = h('canvas', {id: 'mentions-chart'});
    const posts = e.posts.map(x => spanRow(x.post + (x.organization ? ', ' + x.organization : ''), x.first, x.last,
      (x.first || 'undated') + ' – ' + (x.last || 'undated') + ' · ' + x.stories + ' statements',
      x.first_story ? '#/story/' + encodeURIComponent(x.first_story) : null)).filter(Boolean);
    show(
      h('section', {class: 'card'},
        h('div', {class: 'meta'}, e.type),
        h('h1', {id: 'entity-name'}, e.name),
        e.aliases.length ? h('p', {class: 'aliases'}, 'Also written: ', e.aliases.join(' · ')) : null,
        h('p', {}, e.mentions + ' mentions in ' + (e.stories_total ?? e.stories.length) + ' stories, first ' + dateText(e.first_seen) + ', last ' + dateText(e.last_seen))),
      section('Mentions over time',
        e.mentions_by_month.length ? h('div', {class: 'chart-box small'}, mentionsCanvas) : h('p', {}, 'No dated mentions.'),
        e.undated_mentions ? h('p', {class: 'note'}, e.undated_mentions + ' mentions in undated stories are not on the chart.') : null),
      e.posts.length ? section('Posts held',
        posts.length ? ganttChart('posts-chart', posts) : null,
        h('table', {class: 'grid'}, h('tr', {}, h('th', {}, 'Post'), h('th', {}, 'Organization'), h('th', {}, 'First'), h('th', {}, 'Last'), h('th', {}, 'Evidence')),
          e.posts.map(x => h('tr', {}, h('td', {}, x.post), h('td', {}, x.organization ? entityByName(x.organization) : ''),
            h('td', {}, dateText(x.first)), h('td', {}, dateText(x.last)),
            h('td', {}, x.first_story ? storyLink(x.first_story, 'first story') : '', x.last_story && x.last_story !== x.first_story ? [' · ', storyLink(x.last_story, 'last story')] : null,
              evidenceLine(x.evidence)))))) : null,
      e.events.length ? section(e.events_total > e.events.length ? 'Events (the latest ' + e.events.length + ' of ' + e.events_total + ')' : 'Events',
        h('ul', {class: 'events'}, e.events.map(ev => h('li', {}, eventLine(ev), ' · ', ev.stories.map((s, i) => [i ? ', ' : '', storyLink(s, 'story')]), evidenceLine(ev.evidence)))),
        h('div', {id: 'entity-events-downloads'}, downloads('events', {entity: e.name}, ['ics', 'csv', 'jsonl']))) : null,
      e.co_mentioned.length ? section('Named with it most often',
        h('ul', {class: 'co'}, e.co_mentioned.map(c => h('li', {}, entityLink(c.id, c.name, c.type), h('span', {class: 'count'}, ' ' + c.stories + ' shared stories'))))) : null,
      section(e.stories_total > e.stories.length ? 'Stories (the newest ' + e.stories.length + ' of ' + e.stories_total + ')' : 'Stories', h('ul', {class: 'story-list'}, e.stories.map(s => h('li', {}, h('span', {class: 'date'}, dateText(s.date)), ' ', storyLink(s.id, s.title))))),
      curate);
    if (e.mentions_by_month.length) {
      // Every month from the first to the last, those without mentions at 0
      // (at most 20 years of them; beyond that only the months with mentions).
      const byMonth = new Map(e.mentions_by_month.map(m => [m.month, m.mentions]));
      let months = e.mentions_by_month.map(m => m.month);
      const [y0, m0] = months[0].split('-').map(Number);
      const [y1, m1] = months[months.length - 1].split('-').map(Number);
      const n = (y1 - y0) * 12 + (m1 - m0) + 1;
      if (n <= 240) {
        months = [];
        for (let i = 0; i < n; i++) {
          const y = y0 + Math.floor((m0 - 1 + i) / 12), m = (m0 - 1 + i) % 12 + 1;
          months.push(y + '-' + String(m).padStart(2, '0'));
        }
      }
      chart(mentionsCanvas, {
        type: 'bar',
        data: {labels: months,
          datasets: [{label: 'mentions', data: months.map(m => byMonth.get(m) || 0), backgroundColor: '#3b6ea8'}]},
        options: {plugins: {legend: {display: false}}, scales: {y: {beginAtZero: true, ticks: {precision: 0}}}},
      });
    }
  }

  // ---- curation (annals serve --allow-edits) ----
  async function curateCard(e) {
    if (!token) {
      return section('Corrections', h('p', {class: 'note'}, 'This server allows edits: open the address it printed (it carries the token) to make them.'));
    }
    const msg = h('p', {class: 'note', id: 'curate-message'});
    const done = (kind, next) => {
      markEdited(kind);
      if (location.hash === next) route();
      else location.hash = next;  // hashchange routes
    };
    const here = () => '#/entity?name=' + encodeURIComponent(e.name);
    const act = (kind, b, next) => async ev => {
      ev.preventDefault();
      try {
        if (!b()) throw new Error('give a name');
        await post('corrections', {kind, a: e.name, b: b()});
        done(kind, next());
      } catch (err) {
        msg.replaceChildren(String(err.message || err));
        msg.className = 'error';
        // A merge refused because the two look distinct: the user may insist.
        if (err.needsForce) {
          const b2 = b();
          msg.append(' ', h('button', {type: 'button', id: 'merge-force', onclick: async () => {
            try {
              await post('corrections', {kind, a: e.name, b: b2, force: true});
              done(kind, next());
            } catch (err2) {
              msg.replaceChildren(String(err2.message || err2));
            }
          }}, 'Merge anyway'));
        }
      }
    };
    const other = h('input', {type: 'text', id: 'merge-other', placeholder: 'another entity: name or alias'});
    const alias = h('select', {id: 'split-alias'}, e.aliases.map(a => h('option', {value: a}, a)));
    const newName = h('input', {type: 'text', id: 'rename-to', placeholder: 'new name'});
    const types = ['person', 'organization', 'country', 'place', 'exercise', 'operation', 'document'];
    const newType = h('select', {id: 'retype-to'},
      types.filter(t => t !== e.type).map(t => h('option', {value: t}, t)));
    const undo = c => async () => {
      try {
        await post('corrections', {kind: 'undo', number: c.number});
        done('undo', here());
      } catch (err) {
        msg.replaceChildren(String(err.message || err));
        msg.className = 'error';
      }
    };
    const past = await api('corrections');
    return section('Corrections',
      h('form', {class: 'filters', id: 'merge-form', onsubmit: act('merge', () => other.value.trim(), here)},
        h('label', {}, 'Fold into this one: '), other, h('button', {type: 'submit'}, 'Merge')),
      e.aliases.length ? h('form', {class: 'filters', id: 'split-form', onsubmit: act('split', () => alias.value, here)},
        h('label', {}, 'Make an alias an entity of its own: '), alias, h('button', {type: 'submit'}, 'Split')) : null,
      h('form', {class: 'filters', id: 'rename-form', onsubmit: act('rename', () => newName.value.trim(), () => '#/entity?name=' + encodeURIComponent(newName.value.trim()))},
        h('label', {}, 'Rename: '), newName, h('button', {type: 'submit'}, 'Rename')),
      h('form', {class: 'filters', id: 'retype-form', onsubmit: act('retype', () => newType.value, here)},
        h('label', {}, 'Change the type to: '), newType, h('button', {type: 'submit'}, 'Retype')),
      msg,
      past.items.length ? h('details', {id: 'corrections-stored'}, h('summary', {}, past.total + ' corrections stored (kept across ingests)'),
        h('ul', {}, past.items.map(c => h('li', {},
          '#' + c.number + ' ' + c.kind + ': ' + c.a + (c.kind === 'retype' ? ' → ' : ' ← ') + c.b + ' ',
          h('button', {type: 'button', class: 'undo', 'data-number': String(c.number), onclick: undo(c)}, 'Undo'))))) : null);
  }
  function markEdited(kind) {
    document.body.dataset.edited = kind;
  }

  // ---- entities ----
  async function viewEntities(p) {
    const type = p.get('type') || '', qv = p.get('q') || '';
    const res = await api('entities', Object.assign({type, q: qv, limit: 50}, pageAt(p)));
    const types = ['', 'person', 'organization', 'country', 'place', 'exercise', 'operation', 'document'];
    const sel = h('select', {name: 'type'}, types.map(t => h('option', {value: t}, t || 'any type')));
    sel.value = type;
    const input = h('input', {type: 'search', name: 'q', placeholder: 'name contains'});
    input.value = qv;
    show(h('h1', {}, 'Entities'),
      h('form', {class: 'filters', onsubmit: ev => { ev.preventDefault(); location.hash = '#/entities' + query({type: sel.value, q: input.value.trim()}); }},
        sel, input, h('button', {type: 'submit'}, 'Filter')),
      h('p', {class: 'total'}, res.total + ' entities'),
      h('table', {class: 'grid'}, h('tr', {}, ['Name', 'Type', 'Mentions', 'First', 'Last', 'Also written'].map(x => h('th', {}, x))),
        res.items.map(e => h('tr', {}, h('td', {}, entityLink(e.id, e.name, e.type)), h('td', {}, e.type), h('td', {class: 'num'}, String(e.mentions)),
          h('td', {}, dateText(e.first_seen)), h('td', {}, dateText(e.last_seen)), h('td', {}, e.aliases.join(' · '))))),
      pager(res, c => '#/entities' + query(Object.assign({type, q: qv}, c))),
      downloads('entities', {type, q: qv}, ['csv', 'jsonl']));
  }

  // ---- the organization's profile ----
  async function viewProfile(p) {
    let org = p.get('org') || '';
    if (!org) {
      const top = await api('entities', {type: 'organization', limit: 1});
      if (!top.items.length) { show(h('p', {}, 'The archive names no organization yet.')); return; }
      org = top.items[0].name;
    }
    const pr = await api('profile', {organization: org});
    const o = pr.organization;
    // A Gantt chart per post (its holders, a bar per tenure), all on the
    // same years so that one post's holders line up with another's.
    const palette = ['#3b6ea8', '#c0603a', '#4b8b5a', '#8a5aa8', '#a88a2e', '#2e8a8a'];
    const posts = new Map();  // post -> its rows, in the API's order
    for (const x of pr.office_holders) {
      if (!posts.has(x.post)) posts.set(x.post, []);
      const r = spanRow(x.person, x.first, x.last,
        x.person + ', ' + x.post + ' · ' + (x.first || 'undated') + ' – ' + (x.last || 'undated'),
        x.first_story ? '#/story/' + encodeURIComponent(x.first_story) : null, palette[[...posts.keys()].indexOf(x.post) % palette.length]);
      if (r) posts.get(x.post).push(r);
    }
    const rows = [...posts.values()].flat();
    const from = rows.length ? Math.min(...rows.map(r => r.start)) : 0;
    const to = rows.length ? Math.max(...rows.map(r => r.end)) : 0;
    const gantts = [...posts.entries()].filter(([, rs]) => rs.length).map(([post, rs], i) =>
      h('div', {class: 'gantt-post', 'data-post': post}, h('h3', {}, post), ganttChart('gantt-' + i, rs, from, to, 200)));
    const years = [...new Set(pr.chairs.map(c => c.year))];
    const other = pr.sections.filter(s => !['Office holders', 'Chairmanship'].includes(s.title));
    show(
      h('section', {class: 'card'}, h('div', {class: 'meta'}, 'organization profile'),
        h('h1', {id: 'profile-name'}, entityLink(o.id, o.name, o.type)),
        o.aliases.length ? h('p', {class: 'aliases'}, 'Also written: ', o.aliases.join(' · ')) : null),
      section('Office holders',
        rows.length ? h('div', {id: 'gantt'}, gantts) : h('p', {}, 'No office holder found.'),
        h('p', {class: 'note'}, 'Each bar runs from the first to the last story that names the holder in the post; click one for its first story.'),
        h('table', {class: 'grid', id: 'holders'}, h('tr', {}, ['Post', 'Holder', 'First', 'Last', 'Evidence'].map(x => h('th', {}, x))),
          pr.office_holders.map(x => h('tr', {}, h('td', {}, x.post), h('td', {}, entityByName(x.person)), h('td', {}, dateText(x.first)), h('td', {}, dateText(x.last)),
            h('td', {}, x.first_story ? storyLink(x.first_story, 'story') : '', evidenceLine(x.evidence))))),
        h('div', {id: 'holders-downloads'}, downloads('posts', {organization: o.name}, ['csv', 'jsonl']))),
      section('Chairmanship',
        years.length ? h('table', {class: 'grid', id: 'chairs'}, h('tr', {}, h('th', {}, 'Year'), h('th', {}, 'Chair'), h('th', {}, 'Stories')),
          pr.chairs.map(c => h('tr', {}, h('td', {}, String(c.year)), h('td', {}, entityByName(c.country)),
            h('td', {}, c.stories.map((s, i) => [i ? ', ' : '', storyLink(s, String(i + 1))]), evidenceLine(c.evidence))))) : h('p', {}, 'No chairing state found.')),
      other.map(s => section(s.title, s.lines.length === 0 ? h('p', {class: 'note'}, 'None found.') :
        h('ul', {class: 'profile-lines'}, s.lines.map(l => h('li', {},
          l.group && l.group !== l.text && l.group !== l.date ? h('span', {class: 'group'}, l.group + ': ') : null,
          l.text, l.date ? h('span', {class: 'date'}, ' ' + l.date) : null,
          l.story ? [' ', storyLink(l.story, '[story]')] : null, evidenceLine(l.evidence)))))));
  }

  // ---- the calendar ----
  async function viewCalendar(p) {
    const f = {type: p.get('type') || '', place: p.get('place') || '', entity: p.get('entity') || ''};
    // The list and the timeline: a page of 100 events (oldest first), the
    // latest page unless the address names another (the pager's cursors).
    let at = pageAt(p);
    if (!at.cursor && !at.before && !at.offset) {
      const count = await api('events', Object.assign({limit: 1}, f));
      at = {offset: Math.max(0, count.total - 100)};
    }
    const res = await api('events', Object.assign({limit: 100}, f, at));
    const evs = res.items;
    const types = ['', 'meeting', 'visit', 'exercise', 'operation', 'statement', 'interview', 'speech', 'decision', 'anniversary', 'other'];
    const sel = h('select', {name: 'type', id: 'type'}, types.map(t => h('option', {value: t}, t || 'any type')));
    sel.value = f.type;
    const place = h('input', {type: 'search', name: 'place', id: 'place', placeholder: 'place'});
    place.value = f.place;
    const who = h('input', {type: 'search', name: 'entity', id: 'entity', placeholder: 'participant'});
    who.value = f.entity;
    const form = h('form', {class: 'filters', onsubmit: ev => {
      ev.preventDefault();
      location.hash = '#/calendar' + query({type: sel.value, place: place.value.trim(), entity: who.value.trim()});
    }}, sel, place, who, h('button', {type: 'submit'}, 'Filter'));
    // The month shown: ?month=YYYY-MM, else the month of the latest event
    // dated to the day (else to the month) that matches the filters, in the
    // latest page; its events are asked for on their own (the list holds one
    // page), with the same filters.
    let dated = evs.filter(e => /^\d{4}-\d{2}-\d{2}$/.test(e.date || ''));
    if (!dated.length) dated = evs.filter(e => /^\d{4}-\d{2}/.test(e.date || ''));
    let month = p.get('month') || (dated.length ? dated[dated.length - 1].date.slice(0, 7) : new Date().toISOString().slice(0, 7));
    if (!/^\d{4}-\d{2}$/.test(month)) month = new Date().toISOString().slice(0, 7);
    const inMonth = await api('events', Object.assign({limit: 200}, f, {since: month, until: month}));
    const palette = {meeting: '#3b6ea8', visit: '#4b8b5a', exercise: '#c0603a', operation: '#a83b3b', statement: '#8a5aa8',
      interview: '#a88a2e', speech: '#2e8a8a', decision: '#555', anniversary: '#b0739b', other: '#888'};
    const rows = evs.map(e => spanRow(e.type + ' · ' + (e.place || e.participants[0] || ''), e.date, e.date_end || e.date,
      (e.date_end ? e.date + ' – ' + e.date_end : e.date) + ' · ' + (e.story_titles[0] || ''),
      e.stories.length ? '#/story/' + encodeURIComponent(e.stories[0]) : null, palette[e.type])).filter(Boolean);
    // Events decades back (a treaty's signing) would squeeze the rest into
    // a line: the chart shows the last five years, and says what it leaves out.
    const latest = rows.length ? Math.max(...rows.map(r => r.end)) : 0;
    const from = rows.length && latest - Math.min(...rows.map(r => r.start)) > 6 ? Math.floor(latest) - 5 : undefined;
    const shownRows = from === undefined ? rows : rows.filter(r => r.end > from);
    const earlier = rows.length - shownRows.length;
    show(h('h1', {}, 'Calendar'), form,
      h('p', {class: 'total', id: 'total'}, res.total + (res.total === 1 ? ' event' : ' events') + (res.total > evs.length ? ' (' + (res.offset + 1) + '–' + (res.offset + evs.length) + ' in the list below)' : '')),
      section('Timeline', shownRows.length ? ganttChart('timeline-chart', shownRows, from) : h('p', {}, 'No dated event.'),
        earlier ? h('p', {class: 'note'}, earlier + (earlier === 1 ? ' earlier event is' : ' earlier events are') + ' in the list below.') : null),
      monthView(month, inMonth.items, f, inMonth.total),
      section(res.total > evs.length ? 'Events ' + (res.offset + 1) + '–' + (res.offset + evs.length) + ' of ' + res.total : 'All events',
        h('ul', {class: 'events', id: 'event-list'}, evs.map(e => h('li', {}, eventLine(e), ' · ',
          e.stories.map((s, i) => [i ? ', ' : '', storyLink(s, e.story_titles[i] || 'story')]), evidenceLine(e.evidence)))),
        pager(res, c => '#/calendar' + query(Object.assign({}, f, c)))),
      downloads('events', f, ['ics', 'csv', 'jsonl']));
  }
  function monthView(month, evs, f, total) {
    const [y, m] = month.split('-').map(Number);
    const first = new Date(Date.UTC(y, m - 1, 1));
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const shift = (first.getUTCDay() + 6) % 7;  // weeks start on Monday
    const step = d => { const t = new Date(Date.UTC(y, m - 1 + d, 1)); return t.toISOString().slice(0, 7); };
    const nav = d => '#/calendar' + query(Object.assign({}, f, {month: step(d)}));
    const grid = h('div', {class: 'month-grid', id: 'month-grid'},
      ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map(d => h('div', {class: 'dow'}, d)));
    for (let i = 0; i < shift; i++) grid.appendChild(h('div', {class: 'day empty'}));
    for (let d = 1; d <= days; d++) {
      const day = month + '-' + String(d).padStart(2, '0');
      const here = evs.filter(e => {
        if (!e.date || e.date.length < 10) return false;
        const end = e.date_end && e.date_end.length === 10 ? e.date_end : e.date;
        return e.date <= day && day <= end;
      });
      grid.appendChild(h('div', {class: 'day' + (here.length ? ' busy' : '')}, h('span', {class: 'n'}, String(d)),
        here.map(e => h('a', {class: 'cal-event etype-' + e.type, href: e.stories.length ? '#/story/' + encodeURIComponent(e.stories[0]) : '#/calendar',
          title: (e.story_titles[0] || '')}, e.type + (e.place ? ' · ' + e.place : '')))));
    }
    const vague = evs.filter(e => e.date && e.date.length < 10 && month.startsWith(e.date.slice(0, 4)) && (e.date.length === 4 || e.date === month));
    return section('Month' + (total > evs.length ? ' (the first ' + evs.length + ' of its ' + total + ' events)' : ''),
      h('nav', {class: 'month-nav'}, h('a', {href: nav(-1), id: 'prev-month'}, '←'), h('strong', {id: 'month-title'}, ' ' + month + ' '), h('a', {href: nav(1), id: 'next-month'}, '→')),
      grid,
      vague.length ? h('p', {class: 'note'}, 'Dated only to the ' + (vague.some(e => e.date.length === 4) ? 'year or month' : 'month') + ': ',
        vague.map((e, i) => [i ? ' · ' : '', e.type + (e.place ? ' ' + e.place : '') + ' (' + e.date + ')'])) : null);
  }

  // ---- routing ----
  async function route() {
    pendingCharts.length = 0;  // of a view left unfinished
    const hash = location.hash || '#/search';
    const [path, qs] = hash.slice(1).split('?');
    const p = new URLSearchParams(qs || '');
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    for (const a of document.querySelectorAll('header nav a')) {
      a.classList.toggle('current', a.getAttribute('href').split('?')[0] === '#/' + (parts[0] || 'search'));
    }
    try {
      switch (parts[0] || 'search') {
        case 'search': await viewSearch(p); break;
        case 'story': await viewStory(parts[1] || '', p); break;
        case 'entity': await viewEntity(parts[1] || '', p); break;
        case 'entities': await viewEntities(p); break;
        case 'profile': await viewProfile(p); break;
        case 'calendar': await viewCalendar(p); break;
        default: show(h('p', {class: 'error'}, 'No such view.'));
      }
      document.body.dataset.view = parts[0] || 'search';
      document.body.dataset.ready = String(Date.now());
    } catch (e) {
      failure(e);
      document.body.dataset.ready = String(Date.now());
    }
  }
  async function loadStatus() {
    try {
      const s = await api('status');
      editsAllowed = !!s.edits_allowed;
      clear(statusLine);
      statusLine.appendChild(document.createTextNode(s.stories + ' stories · ' + s.entities + ' entities · ' + s.events + ' events'));
      if (s.edits_allowed) statusLine.appendChild(h('span', {class: 'stale'}, token ? ' · edits allowed' : ' · edits allowed with the token'));
      if (s.knowledge_stale) statusLine.appendChild(h('span', {class: 'stale'}, ' · entities and events do not cover the latest stories (run annals relate)'));
    } catch (e) {
      statusLine.textContent = 'the archive could not be read';
    }
  }
  window.addEventListener('hashchange', route);
  loadStatus().then(route);
})();
