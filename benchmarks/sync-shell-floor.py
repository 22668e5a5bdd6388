#!/usr/bin/env python3
# sync-shell-floor.py — the floor of pulling: the sqlite3 shell writing the rows of a
# hub's feed into an empty reviewer database, as a pull does.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: sync-shell-floor.py HUB_DIR [--cli KAIFANG_CLI] [--repeat N] [--page N] [--sqlite3 PATH]
#
# HUB_DIR is a hub kept by `bench-sync --save-hub HUB_DIR`. The rows are those of its
# feed, in the order of the feed, as the reviewer gets them (phones masked, visits not
# the reviewer's own); each page of --page rows (1,000) is one transaction that ends
# with the cursor, after the same pragmas as a pull (WAL, synchronous=FULL, a 32 MiB
# cache, a checkpoint every 4,000 pages, statement journals in memory). The database is
# made by `kaifang-cli init --role reviewer`, so it has the schema and triggers of the
# client. The wall and processor times of `sqlite3 -batch -bail db < file.sql` are
# printed for each run, then the median; writing the SQL file is not timed.
import argparse, os, resource, sqlite3, statistics, subprocess, sys, tempfile, time

PRAGMAS = ("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\nPRAGMA foreign_keys=ON;\n"
           "PRAGMA cache_size=-32768;\nPRAGMA wal_autocheckpoint=4000;\n"
           "PRAGMA temp_store=MEMORY;\n")


def literal(value):
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def mask(phone):
    digits = sum(c.isdigit() for c in phone)
    tail = 4 if digits >= 8 else 0
    out, seen = [], 0
    for c in phone:
        if c.isdigit():
            seen += 1
            out.append(c if seen <= 3 or seen > digits - tail else "*")
        else:
            out.append(c)
    return "".join(out)


def write_sql(hub_db, path, page):
    hub = sqlite3.connect(hub_db)
    columns = {}
    for table in ("bases", "sessions", "bookings", "visits"):
        names = [row[1] for row in hub.execute(f"PRAGMA table_xinfo({table})")
                 if row[6] == 0 and row[1] != "mine"]
        columns[table] = names
    feed = hub.execute("SELECT seq, entity, record_id FROM changes ORDER BY seq").fetchall()
    with open(path, "w") as out:
        out.write(PRAGMAS)
        for start in range(0, len(feed), page):
            out.write("BEGIN IMMEDIATE;\n")
            for seq, entity, record_id in feed[start:start + page]:
                table = entity + "s"
                names = columns[table]
                quoted = ", ".join(f'"{n}"' for n in names)
                row = list(hub.execute(f"SELECT {quoted} FROM {table} WHERE id = ?",
                                       (record_id,)).fetchone())
                if "contact_phone" in names:
                    k = names.index("contact_phone")
                    row[k] = mask(row[k])
                values = [literal(v) for v in row]
                if table == "visits":
                    quoted += ', "mine"'
                    values.append("0")
                out.write(f"INSERT INTO {table} ({quoted}) VALUES ({', '.join(values)});\n")
            last = feed[min(start + page, len(feed)) - 1][0]
            out.write("INSERT INTO meta (key, value) VALUES ('sync_cursor', '%d')"
                      " ON CONFLICT (key) DO UPDATE SET value = excluded.value;\nCOMMIT;\n" % last)
    return len(feed)


def run_once(args, sql, work):
    db = os.path.join(work, "reviewer.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    subprocess.run([args.cli, "--db", db, "init", "--role", "reviewer"], check=True,
                   stdout=subprocess.DEVNULL)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    with open(sql) as script:
        subprocess.run([args.sqlite3, "-batch", "-bail", db], stdin=script, check=True,
                       stdout=subprocess.DEVNULL)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("hub_dir")
    parser.add_argument("--cli", default=os.environ.get("KF_CLI", "kaifang-cli"))
    parser.add_argument("--sqlite3", default="sqlite3")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--page", type=int, default=1000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kf-sync-floor-") as work:
        sql = os.path.join(work, "pull.sql")
        n = write_sql(os.path.join(args.hub_dir, "hub.db"), sql, args.page)
        runs = []
        for i in range(args.repeat):
            wall, cpu = run_once(args, sql, work)
            runs.append((wall, cpu))
            print(f"run {i + 1}: {n} rows, {wall:.2f} s wall, {cpu:.2f} s CPU (sqlite3)")
        wall, cpu = sorted(runs)[(len(runs) - 1) // 2]
        print(f"median: {wall:.2f} s wall, {cpu:.2f} s CPU, {n / wall:.0f} rows/s,"
              f" pages of {args.page}")


if __name__ == "__main__":
    sys.exit(main())
