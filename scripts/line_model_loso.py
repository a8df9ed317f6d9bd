#!/usr/bin/env python3
"""Leave-one-site-out figures of the text segmenter's line model.

usage: line_model_loso.py ANNALS LABELLED.tsv SITES_ROOT [--apart SITE ...] [--min POOL=X ...]

LABELLED.tsv is scripts/line_labels.py's output (the lines of every keyed site).
For each site of SITES_ROOT: fits the model without that site's lines
(fit_line_model.py --without SITE), scores the site with it
(ANNALS_LINE_MODEL=..., ../shared/eval/score_sites.py), and scores it with the
model fitted on all (the embedded one). Prints, per site and pooled (all sites,
and the sites not named by --apart) as score_sites.py pools them, stories.f1,
title and date accuracy fitted on all and held out.
--min POOL=X (POOL 'all' or 'other') makes it a test: exit 1 when that pool's
stories.f1 held out is under X. Exit 77 (a skipped test) when scikit-learn is
not there to fit the models (Debian python3-sklearn: run this with
/usr/bin/python3)."""
import importlib.util, json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# The shared scorers: $ANNALS_SHARED_DIR, else ../shared beside the repository.
SCORE_SITES = os.path.join(os.environ.get('ANNALS_SHARED_DIR', os.path.join(HERE, '..', '..', 'shared')),
                           'eval', 'score_sites.py')
METRICS = [('stories.f1', None), ('stories.title_accuracy', 'stories.titled_pairs'),
           ('stories.date_accuracy', 'stories.dated_pairs')]


def score(annals, root, site, model):
    with tempfile.TemporaryDirectory() as tree:
        os.symlink(os.path.abspath(os.path.join(root, site)), os.path.join(tree, site))
        env = dict(os.environ)
        env.pop('ANNALS_LINE_MODEL', None)
        if model:
            env['ANNALS_LINE_MODEL'] = model
        r = subprocess.run([sys.executable, SCORE_SITES, annals, tree, '--json'], capture_output=True,
                           text=True, env=env)
        m = json.loads(r.stdout)['metrics']
    return {k[len(site) + 1:]: v for k, v in m.items() if k.startswith(site + '.')}


def pool(rows, sites, metric, weight):
    got = [((rows[s]['n'] if weight is None else rows[s]['m'].get(weight, 0)), rows[s]['m'].get(metric))
           for s in sites]
    got = [(w, v) for w, v in got if w and v is not None]
    total = sum(w for w, _ in got)
    return sum(w * v for w, v in got) / total if total else None


def main(argv):
    apart = set()
    args = []
    bounds = {}
    mode = None
    for a in argv:
        if a in ('--apart', '--min'):
            mode = a
        elif mode == '--min' and '=' in a:
            pool_name, value = a.split('=', 1)
            bounds[pool_name] = float(value)
        elif mode == '--apart':
            apart.add(a)
        else:
            args.append(a)
    if len(args) != 3 or not set(bounds) <= {'all', 'other'}:
        print(__doc__, file=sys.stderr)
        return 2
    if importlib.util.find_spec('sklearn') is None:
        print('line_model_loso: scikit-learn is not installed for ' + sys.executable + ': skipped',
              file=sys.stderr)
        return 77
    annals, labelled, root = args
    annals = os.path.abspath(annals)
    sites = sorted(d for d in os.listdir(root) if os.path.isfile(os.path.join(root, d, 'key.json')))
    fitted, held = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for site in sites:
            n = len(json.load(open(os.path.join(root, site, 'key.json')))['stories'])
            model = os.path.join(tmp, site + '.tsv')
            subprocess.run([sys.executable, os.path.join(HERE, 'fit_line_model.py'), labelled, '--out', model,
                            '--without', site], check=True, capture_output=True)
            fitted[site] = {'n': n, 'm': score(annals, root, site, None)}
            held[site] = {'n': n, 'm': score(annals, root, site, model)}
    def cells(rows, site=None, group=None):
        out = []
        for metric, weight in METRICS:
            if site:
                m = rows[site]['m']
                v = m.get(metric) if weight is None or m.get(weight) else None
            else:
                v = pool(rows, group, metric, weight)
            out.append(f'{v:6.3f}' if isinstance(v, float) else '     -')
        return ' '.join(out)
    print(f'{"site":10s} {"stories":>7s} | {"fitted on all: f1":>20s} {"title":>6s} {"date":>6s} | '
          f'{"held out: f1":>15s} {"title":>6s} {"date":>6s}')
    for site in sites:
        print(f'{site:10s} {fitted[site]["n"]:7d} | {"":13s} {cells(fitted, site)} | {"":8s} {cells(held, site)}')
    failed = []
    for name, group in (('all', sites), ('other', [s for s in sites if s not in apart])):
        print(f'{name:10s} {"":7s} | {"":13s} {cells(fitted, group=group)} | {"":8s} {cells(held, group=group)}')
        f1 = pool(held, group, 'stories.f1', None)
        if name in bounds and (f1 is None or f1 < bounds[name]):
            failed.append(f'{name}.stories.f1 held out {f1} < {bounds[name]}')
    for f in failed:
        print('FAIL ' + f, file=sys.stderr)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
