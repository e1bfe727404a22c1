# Regenerates strftime.fixtures.json: CPython 3.11's time.strftime for fixed instants, formats and zones.
# Run: python3 runtime/time/strftime-fixtures.py > runtime/time/strftime.fixtures.json
import json, os, time

INSTANTS = [
    0,              # 1970-01-01 Thursday
    1767258000.25,  # 2026-01-01 09:00:00.25 UTC, Thursday
    1703980800,     # 2023-12-31 Sunday (ISO week 52 of 2023)
    1704067199,     # 2023-12-31 23:59:59
    1735603200,     # 2024-12-31 Tuesday (ISO week 1 of 2025), leap year day 366
    1709164800,     # 2024-02-29
    1783000000,     # 2026-07-02 (summer time in Madrid)
    951782400,      # 2000-02-29
    1262304000,     # 2010-01-01 Friday (ISO week 53 of 2009)
    43200 + 86400 * 3,  # noon: 12 PM
]
FORMATS = [
    '%a %A %b %B', '%c', '%x', '%X', '%d %H %I %j %m %M %p %S', '%U %w %W %y %Y', '%Z %z %%',
    '%e|%D|%T|%R|%F|%C|%h|%k|%l|%P|%s|%u|%V|%G|%g|%r', '%-d %-m %_H %5Y %3d %^a %^B %#p %#Z',
    '%Y-%m-%d %H:%M:%S', '%H:%M:%S', 'no directives', 'trailing %', '%Q %E %Oe',
]
ZONES = ['UTC', 'Europe/Madrid', 'America/New_York', 'Asia/Kolkata']

cases = []
for zone in ZONES:
    os.environ['TZ'] = zone
    time.tzset()
    for instant in INSTANTS:
        for fmt in FORMATS:
            cases.append({'tz': zone, 'seconds': instant, 'format': fmt,
                          'python': time.strftime(fmt, time.localtime(instant))})
print(json.dumps(cases, indent=0, ensure_ascii=False))
