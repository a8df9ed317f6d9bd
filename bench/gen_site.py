#!/usr/bin/env python3
"""Writes N synthetic pages of a fictional organization's news site.

usage: gen_site.py OUT_DIR [-n N] [--seed S] [--format text|html] [--jobs J]
                   [--manifest FILE] [--lang en|ru]

Every page is one story's own article plus a sidebar listing the teasers of
the 5-10 stories published just before it, so each teaser repeats on several
pages, as on a crawled news site. The text layout follows crawled pages: the
sidebar (a date line "DD.MM.YYYY" and one or two paragraphs per teaser; on
some pages without the date lines), then the headline, the headline printed
again with the date glued on (sometimes with "Download document X.pdf"), or
the headline and a date line, the body (on some pages wrapped with single
newlines), an image file name, a source link, a contact line, and the
navigation lines "Go back", "Back to the section", "Back to the all news".
The HTML format gives the same stories in a news-site layout (menu, sidebar
of dated links, article with h1 and dateline, attachments, footer).

Ground truth: story i has its article on page i and a teaser on the pages of
the next stories, so a perfect archive of N pages holds exactly N stories.
--manifest writes that truth as JSON (page, date, title, teaser pages), and
must point outside OUT_DIR, which should hold only pages.

The organization, its bodies, people, exercises, operations and documents are
invented; member states and cities are real places. Output depends only on
--seed and N (and not on --jobs). Python 3 standard library only.

--lang ru writes the same site in Russian (bench/gen_site_ru.py): the same
structure and sizes in UTF-8 bytes, Russian cases, dates ("15 августа 2023 г.")
and navigation, people's names of invented Cyrillic syllables.
"""
import argparse
import datetime
import html
import json
import multiprocessing
import os
import random
import sys

ORG = 'Coastal Nations Cooperation Organization'
ORG_SHORT = 'CNCO'
SITE = 'https://www.cnco.example.org'

# (full name, acronym or None)
BODIES = [
    ('Council of Heads of State', 'CHS'),
    ('Council of Maritime Ministers', 'CMM'),
    ('Council of Ministers of Defence', 'CMD'),
    ('Permanent Secretariat', None),
    ('Joint Coast Guard Command', 'JCGC'),
    ('Maritime Rescue Coordination Centre', 'MRCC'),
    ('Parliamentary Conference', 'PC'),
    ('Committee of Port Authorities', 'CPA'),
    ('Fisheries Commission', 'FC'),
    ('Standing Committee on Environmental Safety', 'SCES'),
    ('Academy of Maritime Studies', 'AMS'),
    ('Council of Border Guard Commanders', 'CBGC'),
]
FORCES = [
    ('Joint Maritime Response Forces', 'JMRF'),
    ('Coastal Rescue Contingent', 'CRC'),
    ('Naval Support Group', 'NSG'),
]
MEMBERS = ['Portugal', 'Spain', 'France', 'Ireland', 'Iceland', 'Norway', 'Denmark',
           'the Netherlands', 'Belgium', 'Morocco', 'Senegal', 'Cabo Verde']
PARTNERS = ['Brazil', 'Ghana', 'Chile', 'Canada', 'Japan', 'Mexico', 'Argentina',
            'Nigeria', 'Angola', 'Uruguay']
CITIES = {
    'Portugal': ['Lisbon', 'Porto', 'Faro'], 'Spain': ['Madrid', 'Vigo', 'Seville', 'Bilbao'],
    'France': ['Brest', 'Nantes', 'Bordeaux'], 'Ireland': ['Dublin', 'Cork', 'Galway'],
    'Iceland': ['Reykjavik', 'Akureyri'], 'Norway': ['Oslo', 'Bergen', 'Trondheim'],
    'Denmark': ['Copenhagen', 'Aarhus', 'Esbjerg'], 'the Netherlands': ['Rotterdam', 'The Hague'],
    'Belgium': ['Antwerp', 'Ostend'], 'Morocco': ['Rabat', 'Casablanca', 'Tangier'],
    'Senegal': ['Dakar', 'Saint-Louis'], 'Cabo Verde': ['Praia', 'Mindelo'],
}
FIRST = ['Ilse', 'Tomas', 'Marta', 'Joao', 'Ines', 'Pierre', 'Aoife', 'Sigrun', 'Bjorn',
         'Henrik', 'Maren', 'Pieter', 'Lotte', 'Youssef', 'Amina', 'Moussa', 'Awa', 'Elena',
         'Carlos', 'Lucia', 'Mathieu', 'Claire', 'Ciaran', 'Niamh', 'Gunnar', 'Kari',
         'Anders', 'Freja', 'Jeroen', 'Sanne', 'Karim', 'Salma', 'Ibrahima', 'Fatou',
         'Rui', 'Beatriz', 'Hugo', 'Nora', 'Olafur', 'Helga', 'Emil', 'Astrid', 'Willem',
         'Fleur', 'Hamza', 'Leila', 'Mamadou', 'Aissatou', 'Diogo', 'Sofia']
LAST = ['Varga', 'Moreira', 'Quintela', 'Dubreuil', 'Kavanagh', 'Sigurdsson', 'Haugland',
        'Lindqvist', 'Vermeulen', 'Bennani', 'Ndiaye', 'Tavares', 'Ferrand', 'Brennan',
        'Eriksdottir', 'Solberg', 'Kjaergaard', 'De Smet', 'El Idrissi', 'Sow', 'Lopes',
        'Carvalho', 'Etxeberria', 'Lemoine', 'Gallagher', 'Magnusson', 'Aasen', 'Norgaard',
        'Van Damme', 'Alaoui', 'Diallo', 'Monteiro', 'Pacheco', 'Ruiz', 'Garnier', 'Doyle',
        'Thorsen', 'Strand', 'Holm', 'Janssens', 'Tazi', 'Faye', 'Almeida', 'Serrano',
        'Marchand', 'Byrne', 'Hallgrimsson', 'Berg', 'Dahl', 'Peeters', 'Chraibi', 'Gueye',
        'Cabral', 'Navarro', 'Roux', 'Walsh', 'Olsen', 'Vos', 'Benjelloun', 'Mendy']
EX_A = ['Sea', 'Blue', 'Northern', 'Harbour', 'Iron', 'Silver', 'Storm', 'Coastal', 'Deep',
        'Amber', 'Western', 'Granite', 'Swift', 'Tidal', 'Open']
EX_B = ['Shield', 'Tide', 'Guard', 'Anchor', 'Beacon', 'Compass', 'Horizon', 'Wave', 'Watch',
        'Lighthouse', 'Current', 'Reef', 'Harbour', 'Gale', 'Keel']
OPS = ['Driftnet', 'Lantern', 'Cormorant', 'Breakwater', 'Saltmarsh', 'Lodestar', 'Kelp',
       'Sandbar', 'Gannet', 'Estuary', 'Seawall', 'Pelican']
MEDIA = ['Tide Post', 'Harbour Herald', 'Coastline News Agency', 'Atlantic Radio',
         'Ocean Daily', 'Portside Television', 'Meridian Press']
DOCS = ['Charter of the Coastal Nations Cooperation Organization',
        'Agreement on Joint Search and Rescue', 'Protocol on Port State Control',
        'Strategy for Ocean Security until 2035', 'Convention on Coastal Waters Monitoring',
        'Programme of Cooperation in Fisheries Control', 'Plan of Action against Marine Pollution']
TOPICS = ['search and rescue at sea', 'illegal fishing', 'port security', 'marine pollution',
          'maritime border protection', 'smuggling of migrants by sea',
          'coastal disaster response', 'training of coast guard personnel',
          'exchange of vessel tracking data', 'protection of undersea cables',
          'navigation safety in the northern routes', 'oil spill response',
          'cyber security of port infrastructure', 'joint procurement of patrol vessels',
          'climate adaptation of coastal cities', 'fisheries quotas',
          'piracy in the gulf waters', 'weather forecasting for shipping',
          'harmonisation of maritime legislation', 'cooperation with partner states']
ADJ = ['practical', 'constructive', 'substantive', 'comprehensive', 'regular', 'joint',
       'coordinated', 'sustained', 'effective', 'long-term', 'mutually beneficial']
RANGES = ['training ground', 'naval base', 'coastal range', 'harbour area', 'rescue centre']
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
          'September', 'October', 'November', 'December']
ORDINAL = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth',
           'ninth', 'tenth', 'eleventh', 'twelfth']
DOC_YEARS = [1988, 1991, 1993, 1990, 1985, 1994, 1992]  # when each of DOCS was signed
MINISTER_POSTS = ['Minister of Defence', 'Minister of Foreign Affairs', 'Minister of the Interior',
                  'Minister of the Sea', 'Prime Minister', 'President']

# The words of the page layout (navigation, menu, contact lines).
WORDS = {
    'nav': ['Go back', 'Back to the section', 'Back to the all news'],
    'download': 'Download document',
    'html_lang': 'en',
    'org': ORG,
    'org_short': ORG_SHORT,
    'menu': ['Home', 'About', 'News', 'Documents', 'Contacts'],
    'latest': 'Latest news',
    'source': 'Source:',
    'sitemap': 'Sitemap',
    'back_all': 'Back to the all news',
}

START = datetime.date(1996, 1, 1)
SPAN_DAYS = 10950  # thirty years of news


class World:
    """What every page of one seed shares: people, office holders, chairs."""

    def __init__(self, seed):
        rng = random.Random(seed)
        names = [(f, l) for f in FIRST for l in LAST]
        rng.shuffle(names)
        self.people = names[:600]
        self.nationality = [rng.choice(MEMBERS + PARTNERS) for _ in self.people]
        # A Secretary General serves three years, a deputy two.
        self.sg = [rng.randrange(len(self.people)) for _ in range(40)]
        self.deputy = [rng.randrange(len(self.people)) for _ in range(40)]
        self.chair_order = MEMBERS[:]
        rng.shuffle(self.chair_order)

    def secretary_general(self, year):
        return self.people[self.sg[(year - START.year) // 3 % len(self.sg)]]

    def deputy_sg(self, year):
        return self.people[self.deputy[(year - START.year) // 2 % len(self.deputy)]]

    def chair(self, year):
        return self.chair_order[(year - START.year) % len(self.chair_order)]


def story_date(i, n):
    return START + datetime.timedelta(days=(i * SPAN_DAYS) // max(n, 1))


def dmy(d):
    return f'{d.day:02d}.{d.month:02d}.{d.year}'


def long_date(d):
    return f'{d.day} {MONTHS[d.month - 1]} {d.year}'


def us_date(d):
    return f'{MONTHS[d.month - 1]} {d.day}, {d.year}'


def full(p):
    return f'{p[0]} {p[1]}'


def initials(p):
    return f'{p[0][0]}. {p[1]}'


def body(rng):
    name, acr = rng.choice(BODIES)
    if acr and rng.random() < 0.3:
        return f'{ORG_SHORT} {name} ({acr})'
    return f'{ORG_SHORT} {name}'


def exercise(rng, year):
    return f'{rng.choice(EX_A)} {rng.choice(EX_B)}-{year}'


def sentence(rng, w, year):
    """One filler sentence: topics, bodies, states and people in varied frames."""
    t = rng.randrange(22)
    c1, c2 = rng.sample(MEMBERS, 2)
    topic, topic2 = rng.sample(TOPICS, 2)
    a = rng.choice(ADJ)
    p = w.people[rng.randrange(len(w.people))]
    if t == 0:
        return (f'The parties discussed {topic} and {topic2}, paying particular attention to '
                f'{rng.choice(TOPICS)}.')
    if t == 1:
        return f'Delegations of {c1} and {c2} noted the {a} nature of cooperation on {topic}.'
    if t == 2:
        return (f'The {body(rng)} was instructed to prepare proposals on {topic} by '
                f'{rng.choice(MONTHS)} {year + 1}.')
    if t == 3:
        return (f'{full(p)}, {rng.choice(MINISTER_POSTS)} of {c1}, stressed that {topic} remains a '
                f'priority for the member states.')
    if t == 4:
        return f'Participants exchanged views on {topic} in the waters adjacent to {c1} and {c2}.'
    if t == 5:
        return (f'It was agreed to hold the next meeting in {rng.choice(CITIES[c2])} in the '
                f'{rng.choice(["first", "second"])} half of {year + 1}.')
    if t == 6:
        return (f'The {ORG_SHORT} Secretary General {initials(w.secretary_general(year))} informed '
                f'those present about the results of the {rng.choice(ORDINAL)} stage of work on '
                f'{topic}.')
    if t == 7:
        return f'Special attention was paid to the implementation of the {rng.choice(DOCS)}.'
    if t == 8:
        return (f'More than {rng.randrange(20, 900)} specialists from {rng.randrange(3, 12)} '
                f'member states took part in the work on {topic}.')
    if t == 9:
        return f'“We are determined to continue {a} work on {topic},” {full(p)} said.'
    if t == 10:
        return (f'The {rng.choice(FORCES)[0]} demonstrated a high level of readiness during the '
                f'{rng.choice(["day", "night", "final", "command-staff"])} phase.')
    if t == 11:
        return (f'Representatives of {rng.choice(PARTNERS)} attended as observers and expressed '
                f'interest in {topic}.')
    if t == 12:
        return (f'In {year - rng.randrange(1, 6)}, the member states approved a programme on '
                f'{topic}, which is now being extended to {topic2}.')
    if t == 13:
        return (f'The results of the operation “{rng.choice(OPS)}” showed the importance of {a} '
                f'measures against {topic}.')
    if t == 14:
        return (f'During the {rng.choice(ORDINAL)} session, the experts considered '
                f'{rng.randrange(2, 30)} draft documents on {topic}.')
    if t == 15:
        return (f'Training sessions were held at the {rng.choice(RANGES)} near '
                f'{rng.choice(CITIES[c1])} with the participation of crews from {c2}.')
    if t == 16:
        return (f'The {ORG_SHORT} Academy of Maritime Studies will publish a report on {topic} and '
                f'{topic2} before the end of {year}.')
    if t == 17:
        return (f'According to {rng.choice(MEDIA)}, the number of incidents related to {topic} '
                f'fell by {rng.randrange(3, 60)} per cent.')
    if t == 18:
        return (f'Deputy Secretary General {full(w.deputy_sg(year))} outlined the {a} steps '
                f'planned for {year + 1}.')
    if t == 19:
        return (f'The presidency of {w.chair(year)} in the {ORG_SHORT} in {year} has given '
                f'priority to {topic}.')
    if t == 20:
        return (f'The {rng.choice(["Ambassador", "Consul General", "Special Envoy"])} of '
                f'{rng.choice(PARTNERS)} to {c1} {full(p)} praised the {a} dialogue.')
    return (f'{rng.choice(["Further", "Additional", "New"])} measures on {topic} will be '
            f'coordinated with the national agencies of {c1}.')


def opener(rng, w, year):
    """A paragraph's first sentence, specific to its story: real paragraphs
    rarely share their first ten words, and the filler sentences above do."""
    t = rng.randrange(6)
    p = w.people[rng.randrange(len(w.people))]
    c = rng.choice(MEMBERS)
    city = rng.choice(CITIES[c])
    day, month = rng.randrange(1, 29), rng.choice(MONTHS)
    if t == 0:
        return f'{full(p)}, {rng.choice(MINISTER_POSTS)} of {c}, took the floor on {day} {month}.'
    if t == 1:
        return (f'{full(p)} headed the delegation of {c} to the {ORDINAL[rng.randrange(12)]} round '
                f'in {city}.')
    if t == 2:
        return (f'On {day} {month}, {rng.randrange(3, 90)} experts met in {city} to discuss '
                f'{rng.choice(TOPICS)}.')
    if t == 3:
        return (f'In {city}, {full(p)} presented {rng.randrange(2, 20)} proposals on '
                f'{rng.choice(TOPICS)}.')
    if t == 4:
        return (f'{rng.randrange(2, 400)} vessels of {c} and {rng.choice(PARTNERS)} were inspected '
                f'near {city} in {month} {year}.')
    return (f'According to {full(p)}, {rng.choice(TOPICS)} in the waters of {c} needs '
            f'{rng.choice(ADJ)} attention.')


def paragraph(rng, w, year, sentences):
    return ' '.join([opener(rng, w, year)] + [sentence(rng, w, year) for _ in range(sentences - 1)])


def lead(rng, w, kind, d, city, country, p, p_post, ex, op, doc, media, b):
    """The first paragraph: the news itself, specific enough to be unique."""
    year = d.year
    days = rng.randrange(1, 4)
    start = max(1, d.day - days)
    span = f'{start}-{d.day} {MONTHS[d.month - 1]}' if start < d.day else long_date(d)
    date_phrase = rng.choice(
        [f'On {long_date(d)}', f'On {us_date(d)}', f'On {d.day} {MONTHS[d.month - 1]}'])
    if kind == 'meeting':
        return (f'{date_phrase}, a regular meeting of the {b} was held in {city} under the '
                f'chairmanship of {w.chair(year)}. The meeting was attended by {p_post} '
                f'{full(p)} and by the heads of '
                f'{rng.randrange(4, 13)} delegations, who considered {rng.choice(TOPICS)}.')
    if kind == 'visit':
        held = rng.choice(["talks were held", "consultations took place", "a meeting was held"])
        return (f'{date_phrase}, {p_post} {full(p)} paid a working visit to {country}, where in '
                f'{city} {held} '
                f'with the {rng.choice(MINISTER_POSTS)} of {country} on {rng.choice(TOPICS)}.')
    if kind == 'exercise':
        force = rng.choice(FORCES)
        return (f'On {span}, the {ORG_SHORT} {force[0]} ({force[1]}) conducted the joint exercise '
                f'“{ex}” at the {rng.choice(RANGES)} near {city}, {country}, practising '
                f'{rng.choice(TOPICS)} with {rng.randrange(300, 4000)} personnel and '
                f'{rng.randrange(5, 60)} vessels.')
    if kind == 'statement':
        return (f'Meeting in {city} on {long_date(d)}, we, the member states of the {ORG}, express '
                f'our {rng.choice(["deep concern", "firm position", "shared view"])} on '
                f'{rng.choice(TOPICS)} and call for {rng.choice(ADJ)} action following the events '
                f'of '
                f'{long_date(d - datetime.timedelta(days=rng.randrange(2, 40)))}.')
    if kind == 'interview':
        return (f'{date_phrase}, {full(p)}, the {ORG} {p_post}, told a correspondent of {media} '
                f'about '
                f'{rng.choice(TOPICS)}, the presidency of {w.chair(year)} and the plans of the {b} '
                f'for {year + 1}.')
    if kind == 'operation':
        return (f'{date_phrase}, in {city}, the {b} summed up the results of the operation '
                f'“{op}-{year}”, conducted from '
                f'{long_date(d - datetime.timedelta(days=rng.randrange(20, 90)))} in the waters of '
                f'{country}, during which {rng.randrange(3, 400)} violations related to '
                f'{rng.choice(TOPICS)} were detected.')
    if kind == 'anniversary':
        age = max(1, year - DOC_YEARS[DOCS.index(doc)])
        return (f'{long_date(d)} marks the {age}th anniversary of the signing of the '
                f'{doc} in {city}. The document laid the foundation for cooperation of the member '
                f'states on {rng.choice(TOPICS)}.')
    if kind == 'decision':
        return (f'{date_phrase}, the {b} adopted the {doc} during its session in {city}, chaired '
                f'by {p_post} {full(p)}, and instructed the Permanent Secretariat to prepare an '
                f'action '
                f'plan on {rng.choice(TOPICS)}.')
    return (f'{date_phrase}, {p_post} {full(p)} spoke in {city} at the {rng.choice(ORDINAL)} '
            f'conference on {rng.choice(TOPICS)} organised by the {b} and the authorities of '
            f'{country}.')


HEADLINES = {
    'meeting': ['{b} meeting held in {city}',
                'The {b} met in {city} under the chairmanship of {chair}',
                'Regular session of the {b} took place in {city}'],
    'visit': ['{post} {name} visited {country}', 'Working visit of the {post} to {country}'],
    'exercise': ['Joint exercise “{ex}” held near {city}',
                 'The “{ex}” exercise completed in {country}'],
    'statement': ['STATEMENT of the {b} on {topic}',
                  'Joint statement of the member states on {topic}'],
    'interview': ['Interview of the {post} {name} to {media}',
                  '{name}: {topic} remains our priority'],
    'operation': ['Results of the operation “{op}” summed up',
                  'Operation “{op}” concluded in the waters of {country}'],
    'anniversary': ['On the anniversary of the {doc}', '{doc}: anniversary of the signing'],
    'decision': ['The {b} adopted the {doc}', 'New decision of the {b} on {topic}'],
    'speech': ['{post} {name} spoke at the conference in {city}',
               'Speech of the {post} on {topic}'],
}
KINDS = list(HEADLINES)


def wrap(text, width):
    out, line = [], ''
    for word in text.split(' '):
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f'{line} {word}' if line else word
    out.append(line)
    return '\n'.join(out)


def make_story(w, seed, i, n):
    """Story i: date, headline, paragraphs, teaser, attachments (deterministic)."""
    rng = random.Random(seed * 1000003 + i)
    d = story_date(i, n)
    year = d.year
    kind = rng.choice(KINDS)
    country = rng.choice(MEMBERS)
    city = rng.choice(CITIES[country])
    if rng.random() < 0.5:
        p, p_post = w.secretary_general(year), 'Secretary General'
    elif rng.random() < 0.5:
        p, p_post = w.deputy_sg(year), 'Deputy Secretary General'
    else:
        p = w.people[rng.randrange(len(w.people))]
        head = rng.choice(["Chairman", "Head", "Commander"])
        p_post = f'{head} of the {rng.choice(BODIES + FORCES)[0]}'
    ex = exercise(rng, year)
    op = rng.choice(OPS)
    doc = rng.choice(DOCS)
    media = rng.choice(MEDIA)
    b = body(rng)
    first = lead(rng, w, kind, d, city, country, p, p_post, ex, op, doc, media, b)
    paras = fill(rng, first, lambda: paragraph(rng, w, year, rng.randrange(2, 7)), len)
    title = rng.choice(HEADLINES[kind]).format(
        b=b, city=city, chair=w.chair(year), post=p_post, name=full(p), country=country, ex=ex,
        topic=rng.choice(TOPICS), media=media, op=op, doc=doc)
    return finish_story(rng, d, kind, title, paras, ORG_SHORT,
                        full(w.people[(i * 7) % len(w.people)]),
                        lambda who, phone: f'{ORG_SHORT} Press Secretary {who}\n{phone} -tel')


def fill(rng, first, next_paragraph, size_of):
    """The first paragraph, then paragraphs until the story's drawn size
    (measured by size_of: characters, or UTF-8 bytes for another script)."""
    paras = [first]
    target = rng.choice([1800, 2500, 4000, 6000, 9000, 11000])
    size = size_of(first)
    while size < target:
        para = next_paragraph()
        paras.append(para)
        size += size_of(para) + 2
    return paras


def finish_story(rng, d, kind, title, paras, image_prefix, secretary, contact_line):
    """A story's teaser, attachment, image, source and contact, drawn in
    this order in every language (so one seed gives one site shape)."""
    first = paras[0]
    # Teasers lead with the first paragraph: whole (most sites), cut to its
    # first sentence, or with the second paragraph too.
    r = rng.random()
    if r < 0.7:
        teaser = [first]
    elif r < 0.85:
        teaser = [first.split('. ')[0] + '.'] if '. ' in first else [first]
    else:
        teaser = paras[:2]
    attach = None
    if kind in ('statement', 'decision') or rng.random() < 0.15:
        attach = f'{rng.getrandbits(64):016x}.{rng.choice(["docx", "pdf"])}'
    image = None
    if rng.random() < 0.3:
        image = f'{image_prefix}_{d.year}{d.month:02d}{d.day:02d}_{rng.randrange(1, 99)}.jpg'
    source = None
    if rng.random() < 0.2:
        source = f'https://news.example.net/{d.year}/{rng.getrandbits(32):08x}'
    contact = None
    if rng.random() < 0.25:
        phone = f'+351 21 555-{rng.randrange(10, 99)}-{rng.randrange(10, 99)}'
        contact = contact_line(secretary, phone)
    return {'date': d, 'title': title, 'paras': paras, 'teaser': teaser, 'attach': attach,
            'image': image, 'source': source, 'contact': contact}


def page_name(i, seed, fmt):
    h = random.Random(seed * 7919 + i).getrandbits(64)
    return f'{i:06d}_{h:016x}.{"html" if fmt == "html" else "txt"}'


def language(lang):
    """The module that writes the stories of `lang`: this one or gen_site_ru."""
    if lang == 'ru':
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import gen_site_ru  # noqa: PLC0415 (only for --lang ru)
        return gen_site_ru
    return sys.modules[__name__]


def render_text(rng, story, sidebar, words=None):
    words = words or WORDS
    out = []
    dated = rng.random() >= 0.2
    for t in sidebar:
        if dated:
            out.append(dmy(t['date']))
        out.extend(t['teaser'])
        if rng.random() < 0.3:
            out.append('')  # some listings leave a wider gap
    title, d = story['title'], story['date']
    style = rng.random()
    attach = f' {words["download"]} {story["attach"]}' if story['attach'] else ''
    dateline = story.get('dateline') or dmy(d)
    if style < 0.6:
        out += [title, f'{title} {dmy(d)}{attach}']
    else:
        out += [title, f'{dateline}{attach}']
    width = rng.choice([0, 0, 0, 78, 96])
    for para in story['paras']:
        out.append(wrap(para, width) if width else para)
    if story['image']:
        out.append(story['image'])
    if story['source']:
        out.append(story['source'])
    if story['contact']:
        out.append(story['contact'])
    out += words['nav']
    return '\n\n'.join(out) + '\n'


def render_html(rng, story, sidebar, names, site_year, words=None):
    words = words or WORDS
    e = html.escape
    menu = ''.join(f'<li><a href="{href}">{e(m)}</a></li>' for href, m in
                   zip(['/', '/about/', '/news/', '/documents/', '/contacts/'], words['menu']))
    out = ['<!DOCTYPE html>', f'<html lang="{words["html_lang"]}">', '<head><meta charset="utf-8">',
           f'<title>{e(story["title"])} | {e(words["org_short"])}</title></head>', '<body>',
           '<header><div class="logo">' + e(words['org']) + '</div><nav><ul>' + menu +
           '</ul></nav></header>',
           f'<aside class="news-list"><h2>{e(words["latest"])}</h2><ul>']
    for t, name in zip(sidebar, names):
        paras = ''.join(f'<p>{e(p)}</p>' for p in t['teaser'])
        out.append(f'<li><span class="date">{dmy(t["date"])}</span> '
                   f'<a href="{name}">{paras}</a></li>')
    out.append('</ul></aside>')
    d = story['date']
    out += ['<main><article>', f'<h1>{e(story["title"])}</h1>',
            f'<div class="dateline">{e(story.get("dateline") or dmy(d))}</div>']
    for para in story['paras']:
        out.append(f'<p>{e(para)}</p>')
    if story['attach']:
        out.append(f'<div class="attachments"><a href="/files/{story["attach"]}">'
                   f'{e(words["download"])} {story["attach"]}</a></div>')
    if story['image']:
        out.append(f'<figure><img src="/images/{story["image"]}" alt=""></figure>')
    if story['source']:
        url = story['source']
        out.append(f'<p class="source">{e(words["source"])} <a href="{url}">{url}</a></p>')
    if story['contact']:
        lines = '<br>'.join(e(x) for x in story['contact'].split('\n'))
        out.append(f'<div class="contact">{lines}</div>')
    out += [f'<div class="nav-links"><a href="javascript:history.back()">{e(words["nav"][0])}</a> '
            f'<a href="/news/">{e(words["back_all"])}</a></div>', '</article></main>',
            f'<footer>© {site_year} {e(words["org"])} · <a href="/sitemap/">{e(words["sitemap"])}</a>'
            f' · <a href="/contacts/">{e(words["menu"][4])}</a></footer>', '</body></html>']
    return '\n'.join(out) + '\n'


def sidebar_size(seed, i):
    return random.Random(seed * 104729 + i).randrange(5, 11)


def write_range(args):
    out_dir, seed, n, fmt, lo, hi, lang = args
    mod = language(lang)
    w = mod.World(seed)
    cache = {}
    total = 0
    for i in range(lo, hi):
        k = sidebar_size(seed, i)
        for j in range(max(0, i - k), i + 1):
            if j not in cache:
                cache[j] = mod.make_story(w, seed, j, n)
        for j in [j for j in cache if j < i - 10]:
            del cache[j]
        rng = random.Random(seed * 15485863 + i)
        side = [cache[j] for j in range(i - 1, max(0, i - k) - 1, -1)]
        if fmt == 'html':
            names = [page_name(j, seed, fmt) for j in range(i - 1, max(0, i - k) - 1, -1)]
            data = render_html(rng, cache[i], side, names, story_date(n - 1, n).year, mod.WORDS)
        else:
            data = render_text(rng, cache[i], side, mod.WORDS)
        raw = data.encode('utf-8')
        total += len(raw)
        with open(os.path.join(out_dir, page_name(i, seed, fmt)), 'wb') as f:
            f.write(raw)
    return total


def manifest(seed, n, fmt, lang='en'):
    mod = language(lang)
    w = mod.World(seed)
    teasers = {}
    for i in range(n):
        k = sidebar_size(seed, i)
        for j in range(max(0, i - k), i):
            teasers.setdefault(j, []).append(page_name(i, seed, fmt))
    out = []
    for i in range(n):
        s = mod.make_story(w, seed, i, n)
        out.append({'page': page_name(i, seed, fmt), 'date': s['date'].isoformat(),
                    'title': s['title'], 'teaser_pages': teasers.get(i, [])})
    return {'pages': n, 'stories': n, 'seed': seed, 'format': fmt, 'lang': lang, 'items': out}


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('out_dir')
    ap.add_argument('-n', type=int, default=1000, help='number of pages (default 1000)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--format', choices=['text', 'html'], default='text')
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 1)
    ap.add_argument('--manifest', help='write the ground truth JSON here (outside OUT_DIR)')
    ap.add_argument('--lang', choices=['en', 'ru'], default='en',
                    help='the language of the pages (default en)')
    a = ap.parse_args(argv)
    if a.n < 1:
        ap.error('-n must be at least 1')
    os.makedirs(a.out_dir, exist_ok=True)
    chunk = max(1, min(2000, (a.n + a.jobs - 1) // a.jobs))
    ranges = [(a.out_dir, a.seed, a.n, a.format, lo, min(a.n, lo + chunk), a.lang)
              for lo in range(0, a.n, chunk)]
    if a.jobs > 1 and len(ranges) > 1:
        with multiprocessing.Pool(a.jobs) as pool:
            total = sum(pool.imap_unordered(write_range, ranges))
    else:
        total = sum(write_range(r) for r in ranges)
    if a.manifest:
        with open(a.manifest, 'w', encoding='utf-8') as f:
            json.dump(manifest(a.seed, a.n, a.format, a.lang), f, ensure_ascii=False, indent=0)
    print(f'{a.n} pages, {total / 1e6:.1f} MB in {a.out_dir}', file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
