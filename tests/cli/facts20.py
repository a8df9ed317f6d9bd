#!/usr/bin/env python3
"""Entities and facts read the way an analyst reads them (issue 20).

usage: facts20.py ANNALS WORK_DIR [CASE]

Each case is one invented news page (an invented organization, the Northern
Defence Alliance, NDA; invented people) written into WORK_DIR, read with
`annals extract`, and checked for the entities and facts it states. One case
per class of error of the issue; with CASE, only that one. Before the fixes
of issue 20 each case failed: a given name alone did not announce a person, a
quoted venue was an organization, a body's name was cut at a parenthesis, an
"of the" or "of a", a post of another post's holder lost its first part, ...
"""
import json
import os
import subprocess
import sys
import unicodedata
import re


def fold(s):
    s = unicodedata.normalize('NFKD', s or '')
    s = ''.join(c for c in s if not unicodedata.combining(c)).casefold()
    return ' '.join(re.sub(r'[^\w\s]', ' ', s).split())


def names(e):
    return {fold(e['name'])} | {fold(a) for a in e.get('aliases', [])}


def entity(out, etype, name):
    hits = [e for e in out['entities'] if e['type'] == etype and fold(name) in names(e)]
    return hits[0] if hits else None


def post(out, person, words, org):
    """A holds_post of `person` whose post has all of `words` and whose
    organization has `org` among its names."""
    for f in out['facts']:
        if f['type'] != 'holds_post' or fold(f.get('person')) != fold(person):
            continue
        p = fold(f.get('post'))
        o = [e for e in out['entities'] if fold(f.get('organization')) in names(e)]
        if all(fold(w) in p for w in words) and any(fold(org) in names(e) for e in o):
            return f
    return None


PAGE = "12.03.2026\n\n{}\n"
ALLIANCE = "the Northern Defence Alliance (NDA)"

CASES = {
    # A given name begins a person's name without a title before it.
    'given_name': (
        "Dear Boris Kalnovsky,\n\nPlease accept my congratulations on the anniversary of "
        + ALLIANCE + ".",
        lambda o: entity(o, 'person', 'Boris Kalnovsky')),
    # A quoted name after a venue noun is a place, not an organization.
    'venue': (
        "The seminar of " + ALLIANCE + " took place at the Park Hotel \"Lindenhof\" and at the "
        "International Exhibition Center \"Vesna Expo\".",
        lambda o: entity(o, 'place', 'Lindenhof') and entity(o, 'place', 'Vesna Expo')
        and not entity(o, 'organization', 'Vesna Expo')),
    # Another name in parentheses inside a body's name.
    'parenthesis': (
        "The consultations of " + ALLIANCE + " were led by the Head of the NDA Forces (Joint "
        "Forces) Planning Directorate Major General Oleg Varnicek.",
        lambda o: entity(o, 'organization', 'NDA Forces (Joint Forces) Planning Directorate')
        and post(o, 'Oleg Varnicek', ['Head', 'Joint Forces', 'Planning Directorate'],
                 'NDA')),
    # A long body's name read whole, and the same name in another word order.
    'long_name': (
        "On 3 March the Coordination Council of the Heads of the Competent Authorities for "
        "Countering the Illegal Fishing of the Member States of " + ALLIANCE + " met. The "
        "Coordination Council of the Heads of Competent Authorities of the NDA Member States for "
        "Countering Illegal Fishing adopted its plan.",
        lambda o: (lambda e: e and fold(
            'Coordination Council of the Heads of Competent Authorities of the NDA Member States '
            'for Countering Illegal Fishing') in names(e))(entity(
                o, 'organization', 'Coordination Council of the Heads of the Competent '
                'Authorities for Countering the Illegal Fishing of the Member States of the '
                'Northern Defence Alliance'))),
    # A body named only as the parent inside another's name is no entity.
    'inner_parent': (
        "The NDA Secretariat hosted Ivo Marek, Director of the Institute of Alpine Studies of "
        "the Austrian Academy of Sciences, at the invitation of " + ALLIANCE + ".",
        lambda o: entity(o, 'organization',
                         'Institute of Alpine Studies of the Austrian Academy of Sciences')
        and not entity(o, 'organization', 'Austrian Academy of Sciences')),
    # A post of another post's holder is one post; posts joined by "and".
    'compound_post': (
        "Karl Brenner, the NDA Deputy Secretary General and Special Representative of the NDA "
        "Secretary General for Mediation, met the delegation. " + ALLIANCE[0].upper()
        + ALLIANCE[1:] + " hosted the talks.",
        lambda o: post(o, 'Karl Brenner', ['Special Representative of the Secretary General '
                                           'for Mediation'], 'NDA')
        and post(o, 'Karl Brenner', ['Deputy Secretary General'], 'NDA')),
    # An acronym in parentheses between a post and the name.
    'apposition': (
        "The NDA Secretariat received the Head of the NDA Centre for Rescue "
        "Coordination (CRC), Lena Varga. " + ALLIANCE[0].upper() + ALLIANCE[1:] + " thanked her.",
        lambda o: post(o, 'Lena Varga', ['Head', 'Centre for Rescue Coordination'], 'NDA')),
    # The government of a state is the state's; a given name ends a body's name.
    'government': (
        "The meeting was chaired by the Deputy Chairman of the Government of Austria, Chairman "
        "of the NDA Commission on Naval Cooperation Peter Lindqvist. " + ALLIANCE[0].upper()
        + ALLIANCE[1:] + " was represented.",
        lambda o: post(o, 'Peter Lindqvist', ['Deputy Chairman of the Government'], 'Austria')
        and post(o, 'Peter Lindqvist', ['Chairman', 'Commission on Naval Cooperation'], 'NDA')),
    # Membership stated with a common noun for the organization or the state.
    'members': (
        ALLIANCE[0].upper() + ALLIANCE[1:] + " held its session. The bloc includes three "
        "countries: Austria, Hungary and Slovenia. Ties with the Republic of Croatia grew. The "
        "Republic is a member state of the Northern Defence Alliance.",
        lambda o: {fold(f['country']) for f in o['facts'] if f['type'] == 'member_of'}
        == {'austria', 'hungary', 'slovenia', 'croatia'}),
    # No organization from a file name, a code with a number, an acronym
    # of common words.
    'junk': (
        ALLIANCE[0].upper() + ALLIANCE[1:] + " discussed the spread of COVID-19 and the supply "
        "of naval vessels (NVS). Photo: BKV_1234.JPG. The NVS were inspected.",
        lambda o: not ({'covid 19', 'nvs', 'bkv'} & {fold(e['name']) for e in o['entities']})),
    # A meeting chaired by a person says nothing of who chairs the body.
    'chaired_by_person': (
        "The session of " + ALLIANCE + " was chaired by the Minister of Defence of Austria "
        "Hans Gruber.",
        lambda o: post(o, 'Hans Gruber', ['Minister of Defence'], 'Austria')
        and not [f for f in o['facts'] if f['type'] == 'chairs']),
    # A plan with its horizon is a document.
    'plan': (
        "The Council of " + ALLIANCE + " approved the NDA Work Plan for 2026.",
        lambda o: entity(o, 'document', 'NDA Work Plan for 2026')),
}


def main(argv):
    annals, work = argv[1], argv[2]
    only = argv[3] if len(argv) > 3 else None
    os.makedirs(work, exist_ok=True)
    failed = []
    for name, (text, check) in CASES.items():
        if only and name != only:
            continue
        page = os.path.join(work, name + '.txt')
        with open(page, 'w', encoding='utf-8') as f:
            f.write(PAGE.format(text))
        r = subprocess.run([annals, 'extract', page], capture_output=True, text=True)
        if r.returncode != 0:
            failed.append(name)
            print(f'{name}: annals extract exited {r.returncode}: {r.stderr.strip()}')
            continue
        out = json.loads(r.stdout)
        if check(out):
            print(f'{name}: ok')
        else:
            failed.append(name)
            print(f'{name}: FAILED')
            print(json.dumps({'entities': [(e['type'], e['name'], e['aliases'])
                                           for e in out['entities']],
                              'facts': out['facts']}, indent=1, ensure_ascii=False))
    if failed:
        print('failed:', ' '.join(failed))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
