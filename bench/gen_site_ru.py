"""The Russian pages of bench/gen_site.py (--lang ru): the same site, stories and
layout as the English mode (listings, teasers, dated articles, people with
posts, states, cities, bodies, exercises, operations, documents), written in
Russian with the cases the sentences need (`в Лиссабоне`, `Генерального
секретаря`), Russian dates (`15 августа 2023 г.`, `15.08.2023`, `в августе`)
and Russian navigation (`Назад`, `Вернуться в раздел`, `Все новости`).

The organization, bodies, exercises, operations, media and documents are
invented; people's names are built from invented syllables; member states
and cities are real places. Paragraph sizes are counted in UTF-8 bytes, so
that N Russian pages weigh about as much as N English pages (bench/lang_speed.sh
compares MB per CPU second). Python 3 standard library only.
"""
import datetime
import random

import gen_site as base

ORG = 'Организация сотрудничества прибрежных государств'
ORG_GEN = 'Организации сотрудничества прибрежных государств'
ORG_SHORT = 'ОСПГ'

# (nominative, genitive, prepositional, acronym or None)
BODIES = [
    ('Совет глав прибрежных государств', 'Совета глав прибрежных государств',
     'Совете глав прибрежных государств', 'СГПГ'),
    ('Совет морских министров', 'Совета морских министров', 'Совете морских министров', 'СММ'),
    ('Постоянный секретариат', 'Постоянного секретариата', 'Постоянном секретариате', None),
    ('Объединенное командование береговой охраны', 'Объединенного командования береговой охраны',
     'Объединенном командовании береговой охраны', 'ОКБО'),
    ('Центр координации морского спасания', 'Центра координации морского спасания',
     'Центре координации морского спасания', 'ЦКМС'),
    ('Парламентская конференция', 'Парламентской конференции', 'Парламентской конференции', 'ПК'),
    ('Комитет портовых властей', 'Комитета портовых властей', 'Комитете портовых властей', 'КПВ'),
    ('Комиссия по рыболовству', 'Комиссии по рыболовству', 'Комиссии по рыболовству', 'КПР'),
    ('Академия морских исследований', 'Академии морских исследований',
     'Академии морских исследований', 'АМИ'),
    ('Совет командующих пограничной охраной', 'Совета командующих пограничной охраной',
     'Совете командующих пограничной охраной', 'СКПО'),
]
# (nominative, genitive, instrumental, acronym)
FORCES = [
    ('Объединенные силы морского реагирования', 'Объединенных сил морского реагирования',
     'Объединенными силами морского реагирования', 'ОСМР'),
    ('Прибрежный спасательный контингент', 'Прибрежного спасательного контингента',
     'Прибрежным спасательным контингентом', 'ПСК'),
    ('Группа морской поддержки', 'Группы морской поддержки', 'Группой морской поддержки', 'ГМП'),
]
# (nominative, genitive, prepositional)
MEMBERS = [
    ('Португалия', 'Португалии', 'Португалии'), ('Испания', 'Испании', 'Испании'),
    ('Франция', 'Франции', 'Франции'), ('Ирландия', 'Ирландии', 'Ирландии'),
    ('Исландия', 'Исландии', 'Исландии'), ('Норвегия', 'Норвегии', 'Норвегии'),
    ('Дания', 'Дании', 'Дании'), ('Нидерланды', 'Нидерландов', 'Нидерландах'),
    ('Бельгия', 'Бельгии', 'Бельгии'), ('Марокко', 'Марокко', 'Марокко'),
    ('Сенегал', 'Сенегала', 'Сенегале'), ('Кабо-Верде', 'Кабо-Верде', 'Кабо-Верде'),
]
PARTNERS = [
    ('Бразилия', 'Бразилии', 'Бразилии'), ('Гана', 'Ганы', 'Гане'), ('Чили', 'Чили', 'Чили'),
    ('Канада', 'Канады', 'Канаде'), ('Япония', 'Японии', 'Японии'),
    ('Мексика', 'Мексики', 'Мексике'), ('Аргентина', 'Аргентины', 'Аргентине'),
    ('Нигерия', 'Нигерии', 'Нигерии'), ('Ангола', 'Анголы', 'Анголе'),
    ('Уругвай', 'Уругвая', 'Уругвае'),
]
# state -> [(nominative, prepositional)]
CITIES = {
    'Португалия': [('Лиссабон', 'Лиссабоне'), ('Порту', 'Порту'), ('Фару', 'Фару')],
    'Испания': [('Мадрид', 'Мадриде'), ('Виго', 'Виго'), ('Севилья', 'Севилье'),
                ('Бильбао', 'Бильбао')],
    'Франция': [('Брест', 'Бресте'), ('Нант', 'Нанте'), ('Бордо', 'Бордо')],
    'Ирландия': [('Дублин', 'Дублине'), ('Корк', 'Корке'), ('Голуэй', 'Голуэе')],
    'Исландия': [('Рейкьявик', 'Рейкьявике'), ('Акюрейри', 'Акюрейри')],
    'Норвегия': [('Осло', 'Осло'), ('Берген', 'Бергене'), ('Тронхейм', 'Тронхейме')],
    'Дания': [('Копенгаген', 'Копенгагене'), ('Орхус', 'Орхусе'), ('Эсбьерг', 'Эсбьерге')],
    'Нидерланды': [('Роттердам', 'Роттердаме'), ('Гаага', 'Гааге')],
    'Бельгия': [('Антверпен', 'Антверпене'), ('Остенде', 'Остенде')],
    'Марокко': [('Рабат', 'Рабате'), ('Касабланка', 'Касабланке'), ('Танжер', 'Танжере')],
    'Сенегал': [('Дакар', 'Дакаре'), ('Сен-Луи', 'Сен-Луи')],
    'Кабо-Верде': [('Прая', 'Прае'), ('Минделу', 'Минделу')],
}
# People: invented syllables (first names end in a hard consonant, surnames
# in -ов, -ев or -ин, so that the cases below are regular).
FIRST_A = ['Ар', 'Бе', 'Ви', 'До', 'Гу', 'За', 'Ил', 'Ку', 'Ло', 'Ма', 'Не', 'Ор', 'Пу', 'Ре',
           'Со', 'Та', 'Фе', 'Ха', 'Це', 'Ша']
FIRST_B = ['дим', 'лан', 'вен', 'гор', 'сан', 'тол', 'вар', 'зен', 'нот', 'бур']
LAST_A = ['Ба', 'Ве', 'Гор', 'Ду', 'Жа', 'Зим', 'Ка', 'Лу', 'Мер', 'Но', 'Пе', 'Ра', 'Су', 'Тве',
          'Фа', 'Хо', 'Чу', 'Шу', 'Юр', 'Яр']
LAST_B = ['бан', 'дар', 'жан', 'зул', 'кар', 'лад', 'мот', 'нар', 'рух', 'сал', 'тар', 'фин', 'хар',
          'шин']
LAST_C = ['ов', 'ев', 'ин']
EX_A = ['Северный', 'Янтарный', 'Гранитный', 'Серебряный', 'Западный', 'Штормовой', 'Прибрежный',
        'Глубокий', 'Открытый', 'Быстрый']
EX_B = ['щит', 'маяк', 'бриз', 'якорь', 'фарватер', 'прибой', 'горизонт', 'компас', 'риф', 'киль',
        'дозор', 'шквал']
OPS = ['Баклан', 'Фонарь', 'Волнорез', 'Лоция', 'Пеликан', 'Отмель', 'Ламинария', 'Олуша',
       'Эстуарий', 'Дамба', 'Невод', 'Бакен']
MEDIA = ['Вестник побережья', 'Портовые известия', 'Агентство Береговая линия', 'Радио Атлантика',
         'Океанская газета', 'Телеканал Причал', 'Меридиан-пресс']
# (nominative, genitive), signed in DOC_YEARS
DOCS = [('Устав Организации сотрудничества прибрежных государств',
         'Устава Организации сотрудничества прибрежных государств'),
        ('Соглашение о совместном поиске и спасании',
         'Соглашения о совместном поиске и спасании'),
        ('Протокол о портовом контроле', 'Протокола о портовом контроле'),
        ('Стратегия безопасности на море до 2035 года',
         'Стратегии безопасности на море до 2035 года'),
        ('Конвенция о мониторинге прибрежных вод', 'Конвенции о мониторинге прибрежных вод'),
        ('Программа сотрудничества в области контроля рыболовства',
         'Программы сотрудничества в области контроля рыболовства'),
        ('План действий по борьбе с загрязнением моря',
         'Плана действий по борьбе с загрязнением моря')]
DOC_YEARS = base.DOC_YEARS
# Topics in the genitive ("вопросы поиска и спасания на море").
TOPICS = ['поиска и спасания на море', 'незаконного рыболовства', 'безопасности портов',
          'загрязнения моря', 'охраны морских границ', 'незаконной перевозки мигрантов морем',
          'реагирования на бедствия на побережье', 'подготовки кадров береговой охраны',
          'обмена данными о движении судов', 'защиты подводных кабелей',
          'безопасности судоходства на северных маршрутах', 'ликвидации разливов нефти',
          'кибербезопасности портовой инфраструктуры', 'совместных закупок патрульных судов',
          'адаптации прибрежных городов к изменению климата', 'рыболовных квот',
          'пиратства в водах заливов', 'прогнозов погоды для судоходства',
          'гармонизации морского законодательства', 'сотрудничества с государствами-партнерами']
# (neuter nominative, genitive, masculine nominative): "сотрудничество", "характер"
ADJ = [('практическое', 'практического', 'практический'),
       ('конструктивное', 'конструктивного', 'конструктивный'),
       ('всестороннее', 'всестороннего', 'всесторонний'),
       ('регулярное', 'регулярного', 'регулярный'),
       ('совместное', 'совместного', 'совместный'),
       ('скоординированное', 'скоординированного', 'скоординированный'),
       ('эффективное', 'эффективного', 'эффективный'),
       ('долгосрочное', 'долгосрочного', 'долгосрочный'),
       ('взаимовыгодное', 'взаимовыгодного', 'взаимовыгодный')]
RANGES = [('полигоне', 'полигона'), ('военно-морской базе', 'военно-морской базы'),
          ('прибрежном стрельбище', 'прибрежного стрельбища'), ('акватории порта', 'порта'),
          ('спасательном центре', 'спасательного центра')]
MONTHS_GEN = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа',
              'сентября', 'октября', 'ноября', 'декабря']
MONTHS_PREP = ['январе', 'феврале', 'марте', 'апреле', 'мае', 'июне', 'июле', 'августе',
               'сентябре', 'октябре', 'ноябре', 'декабре']
# genitive masculine ("этапа") and feminine ("сессии")
ORD_M = ['первого', 'второго', 'третьего', 'четвертого', 'пятого', 'шестого', 'седьмого',
         'восьмого', 'девятого', 'десятого', 'одиннадцатого', 'двенадцатого']
ORD_PREP = ['первом', 'втором', 'третьем', 'четвертом', 'пятом', 'шестом', 'седьмом', 'восьмом',
            'девятом', 'десятом', 'одиннадцатом', 'двенадцатом']
ORD_F = ['первой', 'второй', 'третьей', 'четвертой', 'пятой', 'шестой', 'седьмой', 'восьмой',
         'девятой', 'десятой', 'одиннадцатой', 'двенадцатой']
# (nominative, genitive, instrumental); the state follows in the genitive.
MINISTER_POSTS = [('Министр обороны', 'Министра обороны', 'Министром обороны'),
                  ('Министр иностранных дел', 'Министра иностранных дел',
                   'Министром иностранных дел'),
                  ('Министр внутренних дел', 'Министра внутренних дел', 'Министром внутренних дел'),
                  ('Министр морского хозяйства', 'Министра морского хозяйства',
                   'Министром морского хозяйства'),
                  ('Премьер-министр', 'Премьер-министра', 'Премьер-министром'),
                  ('Президент', 'Президента', 'Президентом')]
SG = ('Генеральный секретарь', 'Генерального секретаря', 'Генеральным секретарем')
DEPUTY = ('Заместитель Генерального секретаря', 'Заместителя Генерального секретаря',
          'Заместителем Генерального секретаря')
HEADS = [('Председатель', 'Председателя', 'Председателем'),
         ('Руководитель', 'Руководителя', 'Руководителем'),
         ('Командующий', 'Командующего', 'Командующим')]

WORDS = {
    'nav': ['Назад', 'Вернуться в раздел', 'Все новости'],
    'download': 'Скачать документ',
    'press': f'Пресс-секретарь {ORG_SHORT}',
    'tel': 'тел.',
    'html_lang': 'ru',
    'org': ORG,
    'org_short': ORG_SHORT,
    'menu': ['Главная', 'Об организации', 'Новости', 'Документы', 'Контакты'],
    'latest': 'Последние новости',
    'source': 'Источник:',
    'sitemap': 'Карта сайта',
    'back_all': 'Все новости',
    'image_prefix': 'ospg',
}


class World:
    """What every page of one seed shares: people, office holders, chairs."""

    def __init__(self, seed):
        rng = random.Random(seed)
        firsts = [a + b for a in FIRST_A for b in FIRST_B]
        lasts = [a + b + c for a in LAST_A for b in LAST_B for c in LAST_C]
        rng.shuffle(firsts)
        rng.shuffle(lasts)
        names = [(f, l) for f in firsts[:60] for l in lasts[:60]]
        rng.shuffle(names)
        self.people = names[:600]
        self.sg = [rng.randrange(len(self.people)) for _ in range(40)]
        self.deputy = [rng.randrange(len(self.people)) for _ in range(40)]
        self.chair_order = MEMBERS[:]
        rng.shuffle(self.chair_order)

    def secretary_general(self, year):
        return self.people[self.sg[(year - base.START.year) // 3 % len(self.sg)]]

    def deputy_sg(self, year):
        return self.people[self.deputy[(year - base.START.year) // 2 % len(self.deputy)]]

    def chair(self, year):
        return self.chair_order[(year - base.START.year) % len(self.chair_order)]


def accusative(state):
    """A state in the accusative ("посетил Исландию")."""
    nom = state[0]
    if nom.endswith('ия') or nom.endswith('ья'):
        return nom[:-1] + 'ю'
    if nom.endswith('а'):
        return nom[:-1] + 'у'
    return nom


def city_gen(city):
    """A city (nominative, prepositional) in the genitive ("близ Антверпена")."""
    nom, prep = city
    if nom == prep:
        return nom
    if nom.endswith('й'):
        return nom[:-1] + 'я'
    if nom.endswith('ья') or nom.endswith('ая') or nom.endswith('ия'):
        return nom[:-1] + 'и'
    if nom.endswith('а'):
        return nom[:-1] + 'и'
    if nom.endswith('я'):
        return nom[:-1] + 'и'
    return nom + 'а'


def full(p):
    return f'{p[0]} {p[1]}'


def full_gen(p):
    return f'{p[0]}а {p[1]}а'


def full_ins(p):
    return f'{p[0]}ом {p[1]}ым'


def initials(p):
    return f'{p[0][0]}. {p[1]}'


def initials_gen(p):
    return f'{p[0][0]}. {p[1]}а'


def long_date(d):
    return f'{d.day} {MONTHS_GEN[d.month - 1]} {d.year} г.'


def year_date(d):
    return f'{d.day} {MONTHS_GEN[d.month - 1]} {d.year} года'


def body(rng, case):
    """A body of the organization in case 1 (genitive) or 2 (prepositional)."""
    b = rng.choice(BODIES)
    if b[3] and rng.random() < 0.3:
        return f'{b[case]} {ORG_SHORT} ({b[3]})'
    return f'{b[case]} {ORG_SHORT}'


def exercise(rng, year):
    return f'{rng.choice(EX_A)} {rng.choice(EX_B)}-{year}'


def sentence(rng, w, year):
    t = rng.randrange(22)
    c1, c2 = rng.sample(MEMBERS, 2)
    topic, topic2 = rng.sample(TOPICS, 2)
    a = rng.choice(ADJ)
    p = w.people[rng.randrange(len(w.people))]
    if t == 0:
        return (f'Стороны обсудили вопросы {topic} и {topic2}, уделив особое внимание вопросам '
                f'{rng.choice(TOPICS)}.')
    if t == 1:
        return (f'Делегации {c1[1]} и {c2[1]} отметили {a[2]} характер сотрудничества в сфере '
                f'{topic}.')
    if t == 2:
        return (f'Секретариату {body(rng, 1)} поручено подготовить предложения по вопросам {topic} '
                f'к {rng.choice(MONTHS_GEN)} {year + 1} года.')
    if t == 3:
        post = rng.choice(MINISTER_POSTS)
        return (f'{full(p)}, {post[0]} {c1[1]}, подчеркнул, что вопросы {topic} остаются '
                f'приоритетом для государств-членов.')
    if t == 4:
        return f'Участники обменялись мнениями по вопросам {topic} в водах {c1[1]} и {c2[1]}.'
    if t == 5:
        return (f'Следующее заседание решено провести в {rng.choice(CITIES[c2[0]])[1]} в '
                f'{rng.choice(["первом", "втором"])} полугодии {year + 1} года.')
    if t == 6:
        return (f'Генеральный секретарь {ORG_SHORT} {initials(w.secretary_general(year))} '
                f'проинформировал присутствующих о результатах {rng.choice(ORD_M)} этапа работы '
                f'в области {topic}.')
    if t == 7:
        return f'Особое внимание было уделено выполнению положений {rng.choice(DOCS)[1]}.'
    if t == 8:
        return (f'В работе по вопросам {topic} приняли участие более {rng.randrange(20, 900)} '
                f'специалистов из {rng.randrange(3, 12)} государств-членов.')
    if t == 9:
        return f'«Мы намерены продолжать {a[0]} сотрудничество в области {topic}», — сказал {full(p)}.'
    if t == 10:
        return (f'{rng.choice(FORCES)[0]} продемонстрировали высокий уровень готовности на '
                f'{rng.choice(["дневном", "ночном", "заключительном", "командно-штабном"])} этапе.')
    if t == 11:
        return (f'В качестве наблюдателей присутствовали представители {rng.choice(PARTNERS)[1]}, '
                f'проявившие интерес к вопросам {topic}.')
    if t == 12:
        return (f'В {year - rng.randrange(1, 6)} году государства-члены утвердили программу в '
                f'области {topic}, которая теперь распространяется на вопросы {topic2}.')
    if t == 13:
        return (f'Итоги операции «{rng.choice(OPS)}» показали важность {a[1]} подхода к вопросам '
                f'{topic}.')
    if t == 14:
        return (f'В ходе {rng.choice(ORD_F)} сессии эксперты рассмотрели {rng.randrange(2, 30)} '
                f'проектов документов по вопросам {topic}.')
    if t == 15:
        rg = rng.choice(RANGES)
        return (f'Учебные занятия прошли на {rg[0]} близ {city_gen(rng.choice(CITIES[c1[0]]))} с участием '
                f'экипажей из {c2[1]}.')
    if t == 16:
        return (f'Академия морских исследований {ORG_SHORT} опубликует доклад по вопросам {topic} '
                f'и {topic2} до конца {year} года.')
    if t == 17:
        return (f'По данным издания «{rng.choice(MEDIA)}», число происшествий в сфере {topic} '
                f'сократилось на {rng.randrange(3, 60)} процентов.')
    if t == 18:
        return (f'Заместитель Генерального секретаря {full(w.deputy_sg(year))} изложил шаги, '
                f'запланированные на {year + 1} год.')
    if t == 19:
        return (f'Председательство {w.chair(year)[1]} в {ORG_SHORT} в {year} году уделяет '
                f'приоритетное внимание вопросам {topic}.')
    if t == 20:
        role = rng.choice(['Посол', 'Генеральный консул', 'Специальный представитель'])
        return (f'{role} {rng.choice(PARTNERS)[1]} в {c1[2]} {full(p)} высоко оценил {a[0]} '
                f'взаимодействие.')
    return (f'{rng.choice(["Дальнейшие", "Дополнительные", "Новые"])} меры по вопросам {topic} '
            f'будут согласованы с национальными ведомствами {c1[1]}.')


def opener(rng, w, year):
    t = rng.randrange(6)
    p = w.people[rng.randrange(len(w.people))]
    c = rng.choice(MEMBERS)
    city = rng.choice(CITIES[c[0]])
    day, month = rng.randrange(1, 29), rng.randrange(12)
    if t == 0:
        post = rng.choice(MINISTER_POSTS)
        return f'{day} {MONTHS_GEN[month]} выступил {full(p)}, {post[0]} {c[1]}.'
    if t == 1:
        return (f'{full(p)} возглавил делегацию {c[1]} на {rng.choice(ORD_PREP)} раунде '
                f'в {city[1]}.')
    if t == 2:
        return (f'{day} {MONTHS_GEN[month]} в {city[1]} собрались {rng.randrange(3, 90)} экспертов '
                f'для обсуждения вопросов {rng.choice(TOPICS)}.')
    if t == 3:
        return (f'В {city[1]} {full(p)} представил {rng.randrange(2, 20)} предложений по вопросам '
                f'{rng.choice(TOPICS)}.')
    if t == 4:
        return (f'В {MONTHS_PREP[month]} {year} года близ {city_gen(city)} были проверены '
                f'{rng.randrange(2, 400)} судов {c[1]} и {rng.choice(PARTNERS)[1]}.')
    return (f'По словам {full_gen(p)}, вопросы {rng.choice(TOPICS)} в водах {c[1]} требуют '
            f'{rng.choice(ADJ)[1]} внимания.')


def paragraph(rng, w, year, sentences):
    return ' '.join([opener(rng, w, year)] + [sentence(rng, w, year) for _ in range(sentences - 1)])


def lead(rng, w, kind, d, city, country, p, post, ex, op, doc, media, b_gen, b_prep):
    year = d.year
    days = rng.randrange(1, 4)
    start = max(1, d.day - days)
    span = (f'{start}–{d.day} {MONTHS_GEN[d.month - 1]}' if start < d.day else long_date(d))
    date_phrase = rng.choice([long_date(d), year_date(d), f'{d.day} {MONTHS_GEN[d.month - 1]}'])
    if kind == 'meeting':
        return (f'{date_phrase} в {city[1]} под председательством {w.chair(year)[1]} состоялось '
                f'очередное заседание {b_gen}. В заседании приняли участие {post[0]} {full(p)} и '
                f'главы {rng.randrange(4, 13)} делегаций, рассмотревшие вопросы '
                f'{rng.choice(TOPICS)}.')
    if kind == 'visit':
        held = rng.choice(['прошли переговоры', 'состоялись консультации', 'состоялась встреча'])
        mp = rng.choice(MINISTER_POSTS)
        return (f'{date_phrase} {post[0]} {full(p)} посетил с рабочим визитом {accusative(country)}, где в '
                f'{city[1]} {held} с {mp[2]} {country[1]} по вопросам {rng.choice(TOPICS)}.')
    if kind == 'exercise':
        force = rng.choice(FORCES)
        rg = rng.choice(RANGES)
        return (f'{span} {force[0]} {ORG_SHORT} ({force[3]}) провели совместное учение «{ex}» на '
                f'{rg[0]} близ {city_gen(city)} ({country[0]}), отработав вопросы {rng.choice(TOPICS)} с '
                f'участием {rng.randrange(300, 4000)} военнослужащих и {rng.randrange(5, 60)} '
                f'кораблей.')
    if kind == 'statement':
        before = d - datetime.timedelta(days=rng.randrange(2, 40))
        return (f'Собравшись в {city[1]} {long_date(d)}, мы, государства — члены {ORG_GEN}, '
                f'выражаем {rng.choice(["глубокую озабоченность", "твердую позицию", "общее мнение"])}'
                f' в связи с вопросами {rng.choice(TOPICS)} и призываем к '
                f'{rng.choice(["совместным", "скоординированным", "решительным"])} действиям после событий {long_date(before)}')
    if kind == 'interview':
        return (f'{date_phrase} {post[0]} {ORG_SHORT} {full(p)} рассказал корреспонденту издания '
                f'«{media}» о вопросах {rng.choice(TOPICS)}, председательстве {w.chair(year)[1]} и '
                f'планах {b_gen} на {year + 1} год.')
    if kind == 'operation':
        since = d - datetime.timedelta(days=rng.randrange(20, 90))
        return (f'{date_phrase} в {city[1]} в {b_prep} подвели итоги операции «{op}-{year}», '
                f'проводившейся с {long_date(since)} в водах {country[1]}, в ходе которой выявлено '
                f'{rng.randrange(3, 400)} нарушений в сфере {rng.choice(TOPICS)}.')
    if kind == 'anniversary':
        i = [x[0] for x in DOCS].index(doc[0])
        age = max(1, year - DOC_YEARS[i])
        return (f'{long_date(d)} исполняется {age} лет со дня подписания в {city[1]} {doc[1]}. '
                f'Документ заложил основу сотрудничества государств-членов в области '
                f'{rng.choice(TOPICS)}.')
    if kind == 'decision':
        return (f'{date_phrase} на сессии в {city[1]} под председательством {post[1]} '
                f'{full_gen(p)} в {b_prep} принят документ «{doc[0]}»; Постоянному секретариату '
                f'поручено подготовить план действий по вопросам {rng.choice(TOPICS)}.')
    return (f'{date_phrase} {post[0]} {full(p)} выступил в {city[1]} на {rng.choice(ORD_F)} '
            f'конференции по вопросам {rng.choice(TOPICS)}, организованной в {b_prep} и властями '
            f'{country[1]}.')


HEADLINES = {
    'meeting': ['Заседание {b} прошло в {city}',
                'В {city} под председательством {chair} состоялось заседание {b}',
                'Очередная сессия {b} прошла в {city}'],
    'visit': ['{post} {name} посетил {country_acc}', 'Рабочий визит {post_gen} в {country_acc}'],
    'exercise': ['Совместное учение «{ex}» прошло близ {city_gen}',
                 'Учение «{ex}» завершилось в {country_prep}'],
    'statement': ['ЗАЯВЛЕНИЕ {b} по вопросам {topic}',
                  'Совместное заявление государств-членов по вопросам {topic}'],
    'interview': ['Интервью {post_gen} {name_gen} изданию «{media}»',
                  '{name}: вопросы {topic} остаются нашим приоритетом'],
    'operation': ['Подведены итоги операции «{op}»',
                  'Операция «{op}» завершилась в водах {country_gen}'],
    'anniversary': ['К годовщине подписания {doc}', '{doc_nom}: годовщина подписания'],
    'decision': ['В {b_prep} принят документ «{doc_nom}»', 'Новое решение {b} по вопросам {topic}'],
    'speech': ['{post} {name} выступил на конференции в {city}',
               'Выступление {post_gen} по вопросам {topic}'],
}
KINDS = list(HEADLINES)


def make_story(w, seed, i, n):
    """Story i: as base.make_story, in Russian (deterministic)."""
    rng = random.Random(seed * 1000003 + i)
    d = base.story_date(i, n)
    year = d.year
    kind = rng.choice(KINDS)
    country = rng.choice(MEMBERS)
    city = rng.choice(CITIES[country[0]])
    if rng.random() < 0.5:
        p, post = w.secretary_general(year), SG
    elif rng.random() < 0.5:
        p, post = w.deputy_sg(year), DEPUTY
    else:
        p = w.people[rng.randrange(len(w.people))]
        head = rng.choice(HEADS)
        unit = rng.choice(BODIES + FORCES)
        post = tuple(f'{h} {unit[1]}' for h in head)
    ex = exercise(rng, year)
    op = rng.choice(OPS)
    doc = rng.choice(DOCS)
    media = rng.choice(MEDIA)
    bb = rng.choice(BODIES)
    b_gen, b_prep = f'{bb[1]} {ORG_SHORT}', f'{bb[2]} {ORG_SHORT}'
    first = lead(rng, w, kind, d, city, country, p, post, ex, op, doc, media, b_gen, b_prep)
    paras = base.fill(rng, first, lambda: paragraph(rng, w, year, rng.randrange(2, 7)),
                      lambda t: len(t.encode('utf-8')))
    title = rng.choice(HEADLINES[kind]).format(
        b=b_gen, b_prep=b_prep, city=city[1], city_gen=city_gen(city), country_acc=accusative(country), chair=w.chair(year)[1],
        post=post[0], post_gen=post[1], name=full(p), name_gen=full_gen(p), country=country[0],
        country_gen=country[1], country_prep=country[2], ex=ex, topic=rng.choice(TOPICS),
        media=media, op=op, doc=doc[1], doc_nom=doc[0])
    story = base.finish_story(rng, d, kind, title, paras, WORDS['image_prefix'],
                              full(w.people[(i * 7) % len(w.people)]),
                              lambda who, phone: f'{WORDS["press"]} {who}\n{WORDS["tel"]} {phone}')
    # Article date lines: "15.08.2023" or, on a third of the pages, "15 августа 2023 г.".
    dateline = long_date(d) if rng.random() < 0.33 else base.dmy(d)
    story['dateline'] = dateline
    return story
