#!/usr/bin/env python3
"""Scores entities, facts and events of `annals extract` site by site, and pools the sites.

usage: score_sites_facts.py ANNALS ROOT [--min NAME=X ...] [--max NAME=X ...] [--json]

ROOT holds one folder a site: SITE/pages/* (the pages) and SITE/key.json (the answer key,
../shared/eval/SCHEMA.md). Each site's pages go to one `ANNALS extract` run, scored with
score.py (found beside score_sites.py: ANNALS_SCORE_PY, or ../shared/eval/score.py from the
repository root) against the site's key. score_sites.py pools the story metrics; this pools
those a key's entities, facts and events weigh:

  all.entities.f1              mean of the sites' entities.f1 weighted by the key's entities
  all.facts.holds_post.f1      weighted by the key's holds_post facts
  all.events.principal_recall  weighted by the key's principal events (dated, not optional)
  SITE.METRIC                  one site, as score.py names it

A site whose key has none of the weighing items adds nothing to that pool. Exits 1 when a
bound fails, 2 when a site's extract fails."""
import json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCORE = os.environ.get('ANNALS_SCORE_PY') or os.path.join(HERE, '..', '..', 'shared', 'eval', 'score.py')


def weights(key):
    facts = key.get('facts', [])
    events = key.get('events', [])
    return {
        'entities.f1': len(key.get('entities', [])),
        'facts.holds_post.f1': sum(1 for f in facts if f.get('type') == 'holds_post'),
        'events.principal_recall': sum(1 for e in events
                                       if e.get('principal') and e.get('date') and not e.get('optional')),
    }


def score_site(annals, folder):
    pages = sorted(os.path.join(folder, 'pages', f) for f in os.listdir(os.path.join(folder, 'pages')))
    with tempfile.NamedTemporaryFile('w+', suffix='.json') as out:
        r = subprocess.run([annals, 'extract', *pages], stdout=out, stderr=subprocess.PIPE, text=True,
                           timeout=900)
        if r.returncode > 1:
            return None, f'exit {r.returncode}: {r.stderr.strip()[-300:]}'
        s = subprocess.run([sys.executable, SCORE, os.path.join(folder, 'key.json'), out.name, '--json'],
                           capture_output=True, text=True)
        try:
            return json.loads(s.stdout), None
        except ValueError:
            return None, 'output is not archive JSON: ' + s.stderr.strip()[-300:]


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    annals, root = argv[1], argv[2]
    bounds, as_json, i = [], False, 3
    while i < len(argv):
        a = argv[i]
        if a in ('--min', '--max'):
            i += 1
            while i < len(argv) and '=' in argv[i] and not argv[i].startswith('--'):
                name, v = argv[i].split('=', 1)
                bounds.append((a, name, float(v)))
                i += 1
            continue
        if a == '--json':
            as_json = True
        else:
            print(f'unknown argument: {a}', file=sys.stderr)
            return 2
        i += 1
    sites = sorted(d for d in os.listdir(root) if os.path.isfile(os.path.join(root, d, 'key.json')))
    if not sites:
        print(f'{root}: no SITE/key.json', file=sys.stderr)
        return 2
    m, failed = {}, False
    sums = {}
    for site in sites:
        folder = os.path.join(root, site)
        with open(os.path.join(folder, 'key.json'), encoding='utf-8') as f:
            key = json.load(f)
        res, err = score_site(annals, folder)
        if res is None:
            print(f'{site}: {err}', file=sys.stderr)
            failed = True
            continue
        for metric, w in weights(key).items():
            if metric in res:
                m[f'{site}.{metric}'] = res[metric]
                if w:
                    s = sums.setdefault(metric, [0.0, 0])
                    s[0] += res[metric] * w
                    s[1] += w
    for metric, (total, w) in sums.items():
        m[f'all.{metric}'] = total / w
    if as_json:
        print(json.dumps(m, indent=1, sort_keys=True))
    else:
        for k in sorted(m):
            print(f'{k}\t{m[k]:.3f}')
    bad = False
    for kind, name, v in bounds:
        got = m.get(name)
        if got is None or (kind == '--min' and got < v) or (kind == '--max' and got > v):
            print(f'FAIL {name} = {got} ({kind[2:]} {v})', file=sys.stderr)
            bad = True
    if failed:
        return 2
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
