#!/usr/bin/env python3
"""Porter against PostgreSQL's own COPY on the same machine, in one run (issue 6).

Run it through scripts/bench.sh, which installs the tools, starts PostgreSQL and builds the jar.
Python 3 standard library only. docs/benchmarks.md says what each figure means.

usage: bench.py [--rows N] [--no-docs] [--keep] [--no-load] [--exports-only]
"""
import argparse
import base64
import csv
import datetime
import hashlib
import hmac
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_contacts  # noqa: E402  (the generator's own rule for which rows change)

ROOT = Path(__file__).resolve().parents[2]
CHANGE_PCT = 30
IMPORT_POLL_S = 0.25
EXPORT_POLL_S = 0.05
EXPORT_RUNS = 3  # like the baseline's statements: the median counts
LOAD_SECONDS = 30
WARM_UP_SECONDS = 10
# Porter's exports: (step, format, request options, matching baseline). The default columns are the API's
# (email, firstName, lastName, company, phone); "+ custom" adds a column per custom key, which Porter first
# has to find among the contacts (the baseline knows them).
EXPORTS = (
    ("export csv", "csv", {}, "COPY TO"),
    ("export xlsx", "xlsx", {}, "COPY TO"),
    ("export json", "json", {}, "COPY TO"),
    ("export csv + custom", "csv", {"includeCustomFields": True}, "COPY TO + custom"),
)
BASELINE_OF = {"import new": "COPY FROM", "import 30% update": "COPY FROM", "import new, under status load": "COPY FROM",
               **{name: baseline for name, _, _, baseline in EXPORTS}}
TARGETS = {  # step -> least ratio to its baseline
    "import new": 0.6,
    "import 30% update": 0.4,
    "export csv": 0.7,
}
STATUS_P99_TARGET_MS = 50.0


# the database's own clock around one statement: no client, network or psql in the figure
TIMED_FUNCTION = """
    CREATE FUNCTION bench_timed(statement text) RETURNS double precision LANGUAGE plpgsql AS $$
    DECLARE t0 timestamptz := clock_timestamp();
    BEGIN
        EXECUTE statement;
        RETURN extract(epoch FROM clock_timestamp() - t0);
    END $$"""


class BenchFailure(Exception):
    """A wrong count, a failed job or a crash: the run proves nothing and says so."""


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description="Porter vs PostgreSQL COPY benchmark")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the generated file (default 1,000,000)")
    parser.add_argument("--no-docs", action="store_true", help="do not append the run to docs/benchmarks.md")
    parser.add_argument("--keep", action="store_true", help="keep target/bench/run-*/ (logs, GC log, exports)")
    parser.add_argument("--no-load", action="store_true", help="skip the status-endpoint load figure (wrk)")
    parser.add_argument("--exports-only", action="store_true",
                        help="work on exports: load the contacts with COPY instead of importing them (implies --no-docs)")
    args = parser.parse_args()
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    bench = Bench(args)
    try:
        ok = bench.run()
    finally:
        bench.cleanup()
    sys.exit(0 if ok else 1)


class Bench:
    def __init__(self, args):
        self.args = args
        self.rows = args.rows
        self.pg_base = os.environ.get("PG_URL_BASE", "postgresql://postgres@127.0.0.1:5432").rstrip("/")
        self.heap = os.environ.get("PORTER_HEAP", "256m")
        self.timeout_s = float(os.environ.get("TIMEOUT_SECONDS", "3600"))
        self.work = ROOT / "target" / "bench"
        self.work.mkdir(parents=True, exist_ok=True)
        self.run_dir = self.work / f"run-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
        self.run_dir.mkdir()
        # The database server reads and writes the COPY files itself: a folder it can reach.
        self.server_dir = Path(tempfile.mkdtemp(prefix="porter-bench-", dir="/tmp"))
        os.chmod(self.server_dir, 0o777)
        stamp = f"{int(time.time())}_{os.getpid()}"
        self.copy_db = f"porter_bench_copy_{stamp}"
        self.porter_db = f"porter_bench_{stamp}"
        self.porter = None
        self.steps = []
        self.load = None
        self.failures = []
        self.ok = False

    # ---------------------------------------------------------------- run

    def run(self):
        started = datetime.datetime.now(datetime.timezone.utc)
        load_before = Path("/proc/loadavg").read_text().split()[:3]
        first, changed = self.generate()
        try:
            self.baseline(first)
            self.start_porter()
            self.porter_steps(first, changed)
        except BenchFailure as failure:
            self.failures.append(str(failure))
        oom = self.porter is not None and self.porter.oom()
        if oom:
            self.failures.append(f"OutOfMemoryError in Porter (see {self.run_dir})")
        self.ok = not self.failures
        report = Report(self, started, load_before, oom)
        text = report.markdown()
        print(text)
        for failure in self.failures:
            log(f"FAIL: {failure}")
        if self.porter is not None and not self.ok:
            sys.stderr.write(self.porter.log_tail())
        if self.ok and not self.args.no_docs and not self.args.exports_only:
            report.append_to_docs(text)
            log("appended the run to docs/benchmarks.md")
        return self.ok

    # ---------------------------------------------------------- the files

    def generate(self):
        generator = Path(gen_contacts.__file__)
        version = hashlib.sha1(generator.read_bytes()).hexdigest()[:8]
        first = self.work / f"contacts-{self.rows}-{version}.csv"
        changed = self.work / f"contacts-{self.rows}-{version}-changed{CHANGE_PCT}.csv"
        for path, extra in ((first, []), (changed, ["--change-pct", str(CHANGE_PCT)])):
            if not path.exists() or path.stat().st_size == 0:
                log(f"generating {path.name}")
                tmp = path.with_suffix(".tmp")
                subprocess.run([sys.executable, str(generator), str(self.rows), str(tmp), *extra], check=True)
                tmp.rename(path)
        log(f"files: {first.name} ({first.stat().st_size:,} bytes), {changed.name}")
        return first, changed

    # ----------------------------------------------------- the COPY baseline

    def baseline(self, first):
        log(f"baseline: scratch database {self.copy_db} from Porter's migrations")
        psql(self.db_url("postgres"), f'CREATE DATABASE "{self.copy_db}"')
        db = self.db_url(self.copy_db)
        migrations = sorted((ROOT / "src/main/resources/db/migration").glob("V*__*.sql"),
                            key=lambda p: int(re.match(r"V(\d+)", p.name).group(1)))
        for migration in migrations:
            psql(db, file=migration)
        tenant = str(uuid.uuid4())
        psql(db, f"""
            INSERT INTO tenants (id) VALUES ('{tenant}');
            CREATE TABLE bench_contacts (LIKE contacts INCLUDING ALL);
            ALTER TABLE bench_contacts ALTER COLUMN tenant_id SET DEFAULT '{tenant}';
            """ + TIMED_FUNCTION)
        copy_in = self.server_dir / "copy-in.csv"
        gen_contacts.copy_form(str(first), str(copy_in))
        os.chmod(copy_in, 0o644)
        columns = "email, email_key, first_name, last_name, company, phone, custom_fields, created_at"
        copy_from = f"COPY bench_contacts ({columns}) FROM {sql_literal(str(copy_in))} (FORMAT csv, HEADER)"
        from_times = []
        for attempt in range(3):
            psql(db, "TRUNCATE bench_contacts")
            from_times.append(float(psql(db, f"SELECT bench_timed({sql_literal(copy_from)})")))
            log(f"COPY FROM: {from_times[-1]:.2f} s")
        count = int(psql(db, "SELECT count(*) FROM bench_contacts"))
        if count != self.rows:
            raise BenchFailure(f"COPY FROM loaded {count} rows, not {self.rows}")
        self.steps.append(Step("COPY FROM", self.rows, statistics.median(from_times),
                               note=f"median of 3 ({', '.join(f'{t:.2f}' for t in from_times)} s), timed by the database"))
        psql(db, "ANALYZE bench_contacts")
        # the columns and order of Porter's exports: the default ones, then with includeCustomFields
        default = "email, first_name, last_name, company, phone"
        custom = (default + ", custom_fields ->> 'plan' AS \"customFields.plan\", "
                  "custom_fields ->> 'score' AS \"customFields.score\"")
        copy_out = self.server_dir / "copy-out.csv"
        for name, columns in (("COPY TO", default), ("COPY TO + custom", custom)):
            select = f"SELECT {columns} FROM bench_contacts WHERE tenant_id = '{tenant}' ORDER BY created_at, id"
            copy_to = f"COPY ({select}) TO {sql_literal(str(copy_out))} (FORMAT csv, HEADER)"
            to_times = []
            for attempt in range(3):
                to_times.append(float(psql(db, f"SELECT bench_timed({sql_literal(copy_to)})")))
                log(f"{name}: {to_times[-1]:.2f} s")
            records = csv_records(copy_out)
            if records != self.rows:
                raise BenchFailure(f"{name} wrote {records} rows, not {self.rows}")
            copy_out.unlink()
            self.steps.append(Step(name, self.rows, statistics.median(to_times),
                                   note=f"median of 3 ({', '.join(f'{t:.2f}' for t in to_times)} s), timed by the database"))
            (self.run_dir / "copy-to-plan.txt").write_text(psql(db, f"EXPLAIN {select}") + "\n")
        psql(self.db_url("postgres"), f'DROP DATABASE IF EXISTS "{self.copy_db}" WITH (FORCE)')
        copy_in.unlink()

    def db_url(self, database):
        return f"{self.pg_base}/{database}"

    # ---------------------------------------------------------- Porter

    def start_porter(self):
        self.porter = Porter(self.run_dir, self.heap, self.db_url(self.porter_db))
        self.porter.start()
        self.api = Api(self.porter.base_url, self.porter.token())

    def porter_steps(self, first, changed):
        if self.args.exports_only:
            self.load_contacts_directly(first)
            self.exports(first)
            return
        # 1. upload and import the first file into the empty tenant (the status load comes in step 4, on
        # an import of its own: wrk's clients share the two cores and would slow the import they watch)
        first_url = self.upload(first)
        job = self.timed_import("import new", first_url, load=False)
        self.expect_counts("import new", job, created=self.rows, updated=0)
        first_job_id = job["id"]
        self.expect_sql("contacts after the first import", "SELECT count(*) FROM contacts", self.rows)
        # 2. the changed file: every row matches an existing contact; 30% of them carry new values
        changed_url = self.upload(changed)
        job = self.timed_import("import 30% update", changed_url, load=False)
        self.expect_counts("import 30% update", job, created=0, updated=self.rows)
        changed_rows = sum(1 for i in range(1, self.rows + 1) if gen_contacts.changed(i, CHANGE_PCT))
        self.expect_sql("contacts with the changed first name", "SELECT count(*) FROM contacts WHERE first_name LIKE '%-2'",
                        changed_rows)
        self.expect_sql("contacts after the second import", "SELECT count(*) FROM contacts", self.rows)
        self.steps[-1].note += f"; {changed_rows:,} rows changed, all {self.rows:,} counted as updated"
        # 3. exports of every contact, with the custom fields
        self.exports(changed)
        # 4. the load figure: 100 clients poll the status of a 1M import into a second, empty tenant
        if not self.args.no_load:
            warm_up(f"{self.porter.base_url}/api/contacts/import/{first_job_id}", self.api.token,
                    self.run_dir / "wrk.warm-up.txt")
            self.api = Api(self.porter.base_url, self.porter.token())
            second_url = self.api.upload(first)["fileUrl"]
            job = self.timed_import("import new, under status load", second_url, load=True)
            self.expect_counts("import new, under status load", job, created=self.rows, updated=0)

    def exports(self, contents):
        """Every contact in each format; a CSV's rows must equal the generated file's (as Porter stores them)."""
        for name, fmt, options, _ in EXPORTS:
            custom = bool(options.get("includeCustomFields"))
            expected = expected_export_fingerprint(contents, custom) if fmt == "csv" else None
            self.timed_export(name, fmt, options, expected, EXPORT_HEADER if custom else EXPORT_HEADER[:5])
        self.copy_to_on_porters_table()

    def copy_to_on_porters_table(self):
        """Not a target's baseline: the default-column COPY on the table Porter exported from, after its imports
        (rows rewritten by the update, dead versions not yet vacuumed), with the plan Porter's export gets (sorts
        off: the index in export order), to a server-side file as the baseline writes and over the protocol as
        Porter reads it, to tell the table's state and the protocol from Porter's own cost in the CSV ratio."""
        db = self.db_url(self.porter_db)
        tenant = psql(db, "SELECT id FROM tenants")
        out = self.server_dir / "porter-table.csv"
        select = (f"SELECT email, first_name, last_name, company, phone FROM contacts WHERE tenant_id = '{tenant}' "
                  f"ORDER BY created_at, id")
        copy_to = f"COPY ({select}) TO {sql_literal(str(out))} (FORMAT csv, HEADER)"
        state = ("SELECT 'contacts: ' || n_live_tup || ' live, ' || n_dead_tup || ' dead, ' || n_tup_hot_upd || ' of ' "
                 "|| n_tup_upd || ' updates HOT, ' || pg_size_pretty(pg_relation_size('contacts')) || ', autovacuums ' "
                 "|| autovacuum_count || ', running now: ' || (SELECT count(*) FROM pg_stat_activity "
                 "WHERE backend_type = 'autovacuum worker') FROM pg_stat_user_tables WHERE relname = 'contacts'")
        diagnosis = [psql(db, state)]
        times, wire_times = [], []
        for attempt in range(3):
            times.append(float(psql(db, TIMED_FUNCTION.replace("bench_timed", "pg_temp.bench_timed")
                                    + f"; SET enable_sort = off; SELECT pg_temp.bench_timed({sql_literal(copy_to)})")
                               .splitlines()[-1]))
            wire_times.append(copy_to_stdout_seconds(db, select))
        out.unlink()
        diagnosis += [psql(db, f"SET jit = off; SET enable_sort = off; EXPLAIN (ANALYZE, BUFFERS) {select}"), psql(db, state)]
        (self.run_dir / "porter-table.txt").write_text("\n\n".join(diagnosis) + "\n")
        step = Step("COPY TO, Porter's table", self.rows, statistics.median(times),
                    note=f"median of 3 ({', '.join(f'{t:.2f}' for t in times)} s) after the exports, Porter's plan (sorts "
                         f"off), to a server-side file; for comparison only; {diagnosis[0]}")
        wire = Step("COPY TO STDOUT, Porter's table", self.rows, statistics.median(wire_times),
                    note=f"median of 3 ({', '.join(f'{t:.2f}' for t in wire_times)} s): the same COPY over the protocol "
                         f"as Porter reads it (psql, output discarded, timed by psql); for comparison only")
        self.steps += [step, wire]
        csv_step = next((s for s in self.steps if s.name == "export csv"), None)
        if csv_step is not None:
            csv_step.note += (f"; {csv_step.rate / step.rate:.2f}x the COPY TO file and {csv_step.rate / wire.rate:.2f}x "
                              f"the COPY TO STDOUT on Porter's own table")

    def load_contacts_directly(self, first):
        """The first file's rows straight into Porter's contacts for the token's tenant (a first API call records it)."""
        self.api.get("/api/uploads")
        copy_in = self.server_dir / "porter-contacts.csv"
        gen_contacts.copy_form(str(first), str(copy_in))
        os.chmod(copy_in, 0o644)
        db = self.db_url(self.porter_db)
        tenant = psql(db, "SELECT id FROM tenants")
        columns = "email, email_key, first_name, last_name, company, phone, custom_fields, created_at"
        psql(db, f"ALTER TABLE contacts ALTER COLUMN tenant_id SET DEFAULT '{tenant}'; "
                 f"COPY contacts ({columns}) FROM {sql_literal(str(copy_in))} (FORMAT csv, HEADER); "
                 f"ALTER TABLE contacts ALTER COLUMN tenant_id DROP DEFAULT; ANALYZE contacts")
        log(f"loaded {self.rows:,} contacts with COPY (no import)")

    def upload(self, path):
        step = Step("upload " + ("changed file" if "changed" in path.name else "first file"), self.rows, 0)
        self.porter.begin_step()
        t0 = time.monotonic()
        answer = self.api.upload(path)
        step.seconds = time.monotonic() - t0
        self.porter.end_step(step)
        step.note = f"{path.stat().st_size / 1e6:.1f} MB, stored by Porter (not compared)"
        self.steps.append(step)
        return answer["fileUrl"]

    def timed_import(self, name, file_url, load):
        log(f"{name}: starting")
        step = Step(name, self.rows, 0)
        self.porter.begin_step()
        t0 = time.monotonic()
        job_id = self.api.post("/api/contacts/import", {
            "fileName": "contacts.csv", "fileUrl": file_url, "options": {"duplicateStrategy": "update"}})["jobId"]
        path = f"/api/contacts/import/{job_id}"
        wrk = None
        last_log = t0
        while True:
            job = self.api.get(path)
            now = time.monotonic()
            if job["status"] in ("completed", "failed", "cancelled", "rolled_back"):
                ended_at = time.time()
                break
            if load and wrk is None and job["status"] == "processing":
                wrk = Load(self.porter.base_url + path, self.api.token, self.run_dir / "wrk.txt")
            if not self.porter.alive():
                raise BenchFailure(f"Porter died during '{name}'")
            if now - t0 > self.timeout_s:
                raise BenchFailure(f"'{name}' timed out after {self.timeout_s:.0f} s: {job['status']}")
            if now - last_log >= 30:
                log(f"{name}: {job['status']}, {job.get('processedRows')} rows")
                last_log = now
            time.sleep(IMPORT_POLL_S)
        step.seconds = time.monotonic() - t0
        self.porter.end_step(step)
        step.note = f"job {job_seconds(job)} s by its own startedAt/completedAt"
        self.steps.append(step)
        log(f"{name}: {job['status']} in {step.seconds:.1f} s")
        if load:
            self.load = wrk.finish(import_ended=ended_at) if wrk else LoadResult.not_started()
        if job["status"] != "completed":
            raise BenchFailure(f"'{name}' ended {job['status']}: {json.dumps(job.get('errors'))[:1000]}")
        return job

    def expect_counts(self, name, job, created, updated):
        seen = {k: job.get(k) for k in ("totalRows", "createdCount", "updatedCount", "skippedCount", "errorCount")}
        wanted = {"totalRows": self.rows, "createdCount": created, "updatedCount": updated,
                  "skippedCount": 0, "errorCount": 0}
        if seen != wanted:
            raise BenchFailure(f"'{name}' counts {seen}, expected {wanted}; first errors: "
                               f"{json.dumps(job.get('errors', [])[:3], ensure_ascii=False)}")

    def expect_sql(self, what, sql, expected):
        got = int(psql(self.db_url(self.porter_db), sql))
        if got != expected:
            raise BenchFailure(f"{what}: {got}, expected {expected}")

    def timed_export(self, name, fmt, options, expected_fingerprint, header):
        """EXPORT_RUNS exports, the median counting, as for the baseline's statements: the first reader of rows the
        imports just wrote sets their hint bits, as the baseline's first COPY TO does. Every run's counts are checked,
        the first run's file read back."""
        log(f"{name}: starting")
        step = Step(name, self.rows, 0)
        self.porter.begin_step()
        times, jobs = [], []
        for attempt in range(EXPORT_RUNS):
            t0 = time.monotonic()
            job_id = self.api.post("/api/contacts/export", {"format": fmt, **options})["jobId"]
            while True:
                job = self.api.get(f"/api/contacts/export/{job_id}")
                if job["status"] in ("completed", "failed", "expired"):
                    break
                if not self.porter.alive():
                    raise BenchFailure(f"Porter died during '{name}'")
                if time.monotonic() - t0 > self.timeout_s:
                    raise BenchFailure(f"'{name}' timed out: {job['status']}")
                time.sleep(EXPORT_POLL_S)
            times.append(time.monotonic() - t0)
            jobs.append((job_id, job))
            log(f"{name}: {job['status']} in {times[-1]:.2f} s")
            if job["status"] != "completed":
                raise BenchFailure(f"'{name}' ended {job['status']}: {job.get('error')}")
            if job.get("totalContacts") != self.rows or job.get("processedContacts") != self.rows:
                raise BenchFailure(f"'{name}' total/processed {job.get('totalContacts')}/{job.get('processedContacts')}, "
                                   f"not {self.rows}")
        step.seconds = statistics.median(times)
        self.porter.end_step(step)
        self.steps.append(step)
        job_id, job = jobs[times.index(step.seconds)] if step.seconds in times else jobs[0]
        file = self.run_dir / f"{name.replace(' ', '-').replace('+', 'plus')}.{fmt}"
        self.api.download(f"/api/contacts/export/{jobs[0][0]}/download", file)
        records = count_records(fmt, file)
        if records != self.rows:
            raise BenchFailure(f"'{name}': the downloaded file holds {records} records, not {self.rows}")
        step.note = (f"median of {EXPORT_RUNS} ({', '.join(f'{t:.2f}' for t in times)} s); that job {job_seconds(job)} s "
                     f"after {job_seconds(job, 'createdAt', 'startedAt')} s queued; "
                     f"{file.stat().st_size / 1e6:.1f} MB, {records:,} records in the first run's file")
        if expected_fingerprint is not None:
            if csv_fingerprint(file, header) != expected_fingerprint:
                raise BenchFailure(f"'{name}': the file's rows differ from the changed input file's")
            step.note += ", rows equal to the input's"
        if not self.args.keep:
            file.unlink()

    # ---------------------------------------------------------- cleanup

    def cleanup(self):
        if self.porter is not None:
            self.porter.stop()
        for db in (self.porter_db, self.copy_db):
            try:
                psql(self.db_url("postgres"), f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
            except BenchFailure as e:
                log(f"could not drop {db}: {e}")
        shutil.rmtree(self.server_dir, ignore_errors=True)
        if self.args.keep or not self.ok:
            for f in self.run_dir.glob("files"):
                shutil.rmtree(f, ignore_errors=True)
            log(f"kept {self.run_dir}")
        else:
            shutil.rmtree(self.run_dir, ignore_errors=True)


class Step:
    def __init__(self, name, rows, seconds, note=""):
        self.name, self.rows, self.seconds, self.note = name, rows, seconds, note
        self.heap_mib = None
        self.live_mib = None
        self.rss_mib = None

    @property
    def rate(self):
        return self.rows / self.seconds if self.seconds > 0 else float("inf")


# ------------------------------------------------------------------ Porter process

class Porter:
    """Porter from its jar, on a fresh database and storage folder, with a GC log for the heap figures."""

    def __init__(self, run_dir, heap, db_url):
        self.run_dir, self.heap, self.db_url = run_dir, heap, db_url
        self.secret = base64.b64encode(os.urandom(48)).decode()
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.gc_log = run_dir / "gc.log"
        self.log_file = run_dir / "porter.log"
        self.process = None
        self.step_started_ms = 0
        self.can_reset_rss = True

    def start(self):
        env = dict(os.environ, PORTER_DB_URL=self.db_url, PORTER_JWT_SECRET=self.secret,
                   PORTER_HTTP_HOST="127.0.0.1", PORTER_HTTP_PORT=str(self.port), PORTER_STORAGE="local",
                   PORTER_STORAGE_DIR=str(self.run_dir / "files"), PORTER_CONFIG=str(ROOT / "conf/config.yaml"))
        env.pop("PORTER_DEV", None)
        command = ["java", f"-Xmx{self.heap}", "-XX:+HeapDumpOnOutOfMemoryError", f"-XX:HeapDumpPath={self.run_dir}",
                   f"-Xlog:gc:file={self.gc_log}:timemillis", "-jar", os.environ.get("PORTER_JAR", str(ROOT / "target/porter.jar"))]
        log(f"starting Porter: -Xmx{self.heap}, port {self.port}, database {self.db_url.rsplit('/', 1)[1]}")
        with open(self.log_file, "wb") as out:
            self.process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if not self.alive():
                raise BenchFailure("Porter exited at start-up:\n" + self.log_tail())
            try:
                with urllib.request.urlopen(self.base_url + "/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        raise BenchFailure("Porter did not answer /health in 90 s")

    def token(self):
        def b64(data):
            return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
        now = int(time.time())
        head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        body = b64(json.dumps({"sub": str(uuid.uuid4()), "tenantId": str(uuid.uuid4()),
                               "iat": now, "exp": now + 12 * 3600}).encode())
        signature = hmac.new(self.secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
        return f"{head}.{body}.{b64(signature)}"

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def begin_step(self):
        """Resets the kernel's RSS high-water mark (clear_refs 5), so VmHWM is this step's peak."""
        self.step_started_ms = int(time.time() * 1000)
        try:
            Path(f"/proc/{self.process.pid}/clear_refs").write_text("5")
        except OSError:
            self.can_reset_rss = False

    def end_step(self, step):
        step.rss_mib = self.vm_hwm_mib()
        if not self.can_reset_rss:
            step.rss_mib = None
        now_ms = int(time.time() * 1000)
        step.heap_mib = self.peak_heap_mib(self.step_started_ms, now_ms)
        step.live_mib = self.live_heap_mib(self.step_started_ms, now_ms)

    def vm_hwm_mib(self):
        try:
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    GC_LINE = re.compile(r"^\[(\d+)ms\].*?(\d+)([KMG])->(\d+)([KMG])\((\d+)[KMG]\)")

    def gc_events(self, from_ms, to_ms):
        """(used before, used after) in MiB of each collection in a window of the GC log."""
        if not self.gc_log.exists():
            return []
        events = []
        for line in self.gc_log.read_text(errors="replace").splitlines():
            match = self.GC_LINE.match(line)
            if match and from_ms <= int(match.group(1)) <= to_ms:
                events.append((mib(match.group(2), match.group(3)), mib(match.group(4), match.group(5))))
        return events

    def peak_heap_mib(self, from_ms, to_ms):
        """The largest heap in use in a window: the 'used before' of each GC in it, and the heap at its end.
        Between two collections the heap only grows, so these are the maxima."""
        peak = max((before for before, _ in self.gc_events(from_ms, to_ms)), default=0.0)
        return max(peak, self.heap_used_now_mib() or 0.0)

    def live_heap_mib(self, from_ms, to_ms):
        """The largest heap left after a collection in the window: what Porter really keeps."""
        return max((after for _, after in self.gc_events(from_ms, to_ms)), default=None)

    def heap_used_now_mib(self):
        try:
            out = subprocess.run(["jcmd", str(self.process.pid), "GC.heap_info"], capture_output=True, text=True,
                                 timeout=30).stdout
        except (OSError, subprocess.TimeoutExpired):
            return None
        match = re.search(r"heap\s+total \d+K, used (\d+)K", out)
        return int(match.group(1)) / 1024 if match else None

    def whole_run_heap_mib(self):
        return self.peak_heap_mib(0, 1 << 62)

    def oom(self):
        text = self.log_file.read_text(errors="replace") if self.log_file.exists() else ""
        return "OutOfMemoryError" in text or any(self.run_dir.glob("*.hprof"))

    def log_tail(self, lines=40):
        if not self.log_file.exists():
            return ""
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:]) + "\n"

    def stop(self):
        if not self.alive():
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Api:
    def __init__(self, base_url, token):
        self.base_url, self.token = base_url, token

    def request(self, method, path, body=None, headers=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base_url + path, data=data, method=method, headers={
            "Authorization": f"Bearer {self.token}", "Content-Type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return json.loads(answer.read() or b"{}")
        except urllib.error.HTTPError as e:
            raise BenchFailure(f"{method} {path}: HTTP {e.code} {e.read()[:500]!r}") from None
        except (urllib.error.URLError, OSError) as e:
            raise BenchFailure(f"{method} {path}: {e}") from None

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, body):
        return self.request("POST", path, body)

    def upload(self, path):
        out = subprocess.run(["curl", "-fsS", "-H", f"Authorization: Bearer {self.token}", "-H", "Content-Type: text/csv",
                              "--data-binary", f"@{path}", f"{self.base_url}/api/uploads?fileName={path.name}"],
                             capture_output=True, text=True)
        if out.returncode != 0:
            raise BenchFailure(f"upload of {path.name} failed: {out.stderr.strip()}")
        return json.loads(out.stdout)

    def download(self, link_path, file):
        url = self.get(link_path)["downloadUrl"]
        if url.startswith("/"):
            url = self.base_url + url
        # no Authorization header: the link is signed
        out = subprocess.run(["curl", "-fsS", "-o", str(file), url], capture_output=True, text=True)
        if out.returncode != 0:
            raise BenchFailure(f"download of {file.name} failed: {out.stderr.strip()}")


# ------------------------------------------------------------------ the load figure

class LoadResult:
    def __init__(self, requests=0, rate=0.0, p50_ms=None, p99_ms=None, non_2xx=0, socket_errors=0,
                 overlap_s=0.0, note=""):
        self.requests, self.rate, self.p50_ms, self.p99_ms = requests, rate, p50_ms, p99_ms
        self.non_2xx, self.socket_errors, self.overlap_s, self.note = non_2xx, socket_errors, overlap_s, note

    @classmethod
    def not_started(cls):
        return cls(note="not measured: the import ended before it was seen processing")

    @property
    def errors(self):
        return self.non_2xx + self.socket_errors


def wrk_command(url, token, seconds, script=None):
    return ["wrk", "-t2", "-c100", f"-d{seconds}s", "--latency", "-H", f"Authorization: Bearer {token}",
            *(["-s", str(script)] if script else []), url]


def warm_up(url, token, output):
    """wrk for WARM_UP_SECONDS on the status endpoint of the first (completed) import, before the loaded import
    starts: the JIT compiles the request path (a cold JVM's first seconds are not what a running server shows)
    and the 30 s that count begin as soon as the loaded import runs."""
    log(f"load: warm-up, wrk -t2 -c100 -d{WARM_UP_SECONDS}s on {url.split('127.0.0.1')[1]}")
    with open(output, "w") as out:
        subprocess.run(wrk_command(url, token, WARM_UP_SECONDS), stdout=out, stderr=subprocess.STDOUT,
                       timeout=WARM_UP_SECONDS + 60)


class Load:
    """wrk: 2 threads, 100 connections, on the status endpoint of the running import (bounded, loopback), started
    as soon as the import is seen processing, for LOAD_SECONDS or until the import ends, whichever comes first:
    stop-at-end.lua stops each wrk thread at the first answer that is not a processing import, so every latency
    counted was measured while the import ran."""

    def __init__(self, url, token, output):
        self.output = output
        self.window_file = output.with_suffix(".start")
        log(f"load: wrk -t2 -c100 -d{LOAD_SECONDS}s on {url.split('127.0.0.1')[1]}")
        script = 'date +%s.%N >"{start}"; exec "$@"'.format(start=self.window_file)
        with open(output, "w") as out:
            self.process = subprocess.Popen(["bash", "-c", script, "wrk",
                                             *wrk_command(url, token, LOAD_SECONDS, Path(__file__).with_name("stop-at-end.lua"))],
                                            stdout=out, stderr=subprocess.STDOUT)

    def finish(self, import_ended):
        """import_ended: epoch seconds when the import was seen finished."""
        self.process.wait(timeout=LOAD_SECONDS + 60)
        text = self.output.read_text()
        try:
            window_start = float(self.window_file.read_text().strip())
        except (OSError, ValueError):
            window_start = import_ended
        overlap = min(LOAD_SECONDS, max(0.0, import_ended - window_start))
        note = "" if overlap >= LOAD_SECONDS else (
            f"the import ended {overlap:.1f} s into the {LOAD_SECONDS} s window: wrk polled it from its start to its "
            f"end and stopped there")
        socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
        requests = re.search(r"(\d+) requests in", text)
        if not requests:
            return LoadResult(note="wrk gave no figures: " + text.strip()[-300:])
        return LoadResult(
            requests=int(requests.group(1)), rate=int(requests.group(1)) / overlap if overlap > 0 else 0.0,
            p50_ms=latency_ms(text, "50%"), p99_ms=latency_ms(text, "99%"),
            non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
            socket_errors=sum(int(g) for g in socket.groups()) if socket else 0, overlap_s=overlap, note=note)


def latency_ms(text, percentile):
    match = re.search(rf"^\s*{re.escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not match:
        return None
    return float(match.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]


# ------------------------------------------------------------------ the report

class Report:
    def __init__(self, bench, started, load_before, oom):
        self.bench, self.started, self.load_before, self.oom = bench, started, load_before, oom

    def machine(self):
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "unknown CPU")
        mem_kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        try:
            pg = psql(self.bench.db_url("postgres"), "SHOW server_version").split()[0]
            shared_buffers = psql(self.bench.db_url("postgres"), "SHOW shared_buffers")
        except BenchFailure:
            pg, shared_buffers = "?", "?"
        java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=ROOT).stdout.strip() or "?"
        return (f"nproc {os.cpu_count()} ({cpu}), {mem_kib / 1024 / 1024:.0f} GiB RAM, PostgreSQL {pg} "
                f"(shared_buffers {shared_buffers}), {java}, Porter at -Xmx{self.bench.heap}, commit {commit}; "
                f"load average at start {' '.join(self.load_before)}, at end "
                f"{' '.join(Path('/proc/loadavg').read_text().split()[:3])} (a shared machine)")

    def markdown(self):
        b = self.bench
        base = {s.name: s for s in b.steps if s.name.startswith("COPY")}
        lines = [f"### Run of {self.started:%Y-%m-%d %H:%M} UTC: {b.rows:,} rows"
                 + ("" if b.ok else " (FAILED)"), "",
                 f"Machine: {self.machine()}.", "",
                 "| step | rows | seconds | rows/s | vs COPY | target | peak heap | live heap | peak RSS | notes |",
                 "|---|---:|---:|---:|---:|---|---:|---:|---:|---|"]
        for s in b.steps:
            ratio, target = "", ""
            baseline = BASELINE_OF.get(s.name)
            if baseline in base:
                ratio = f"{s.rate / base[baseline].rate:.2f}x {baseline}"
            if s.name in TARGETS:
                least = TARGETS[s.name]
                met = baseline in base and s.rate / base[baseline].rate >= least
                target = f">= {least}x: {'met' if met else '**missed**'}"
            lines.append(f"| {s.name} | {s.rows:,} | {s.seconds:.2f} | {s.rate:,.0f} | {ratio} | {target} | "
                         f"{fmt_mib(s.heap_mib)} | {fmt_mib(s.live_mib)} | {fmt_mib(s.rss_mib)} | {s.note} |")
        lines.append("")
        load = b.load
        if load is not None:
            met = load.p99_ms is not None and load.p99_ms < STATUS_P99_TARGET_MS and load.errors == 0
            lines += ["| status endpoint under load | requests | requests/s | p50 | p99 | errors (non-2xx + socket) "
                      "| during the import | target p99 < 50 ms, no errors |",
                      "|---|---:|---:|---:|---:|---:|---:|---|",
                      f"| `wrk -t2 -c100 -d{LOAD_SECONDS}s` on `GET /api/contacts/import/{{id}}`, stopped at the import's end, after {WARM_UP_SECONDS} s of warm-up on the first (completed) import | {load.requests:,} | "
                      f"{load.rate:,.0f} | {fmt_ms(load.p50_ms)} | {fmt_ms(load.p99_ms)} | "
                      f"{load.non_2xx} + {load.socket_errors} | {load.overlap_s:.1f} s of {LOAD_SECONDS} s | "
                      f"{'met' if met else '**missed**'}"
                      f"{': ' + load.note if load.note else ''} |", ""]
        heap = b.porter.whole_run_heap_mib() if b.porter is not None else None
        lines.append(f"Whole run: peak heap {fmt_mib(heap)} of -Xmx{b.heap}, OutOfMemoryError: "
                     f"{'**yes**' if self.oom else 'no'}.")
        if b.failures:
            lines += [""] + [f"- FAIL: {f}" for f in b.failures]
        return "\n".join(lines) + "\n"

    def append_to_docs(self, text):
        docs = ROOT / "docs" / "benchmarks.md"
        with open(docs, "a", encoding="utf-8") as f:
            f.write("\n" + text)


def fmt_mib(value):
    return "" if value is None else f"{value:.0f} MiB"


def fmt_ms(value):
    return "?" if value is None else f"{value:.1f} ms"


# ------------------------------------------------------------------ helpers

def psql(url, sql=None, file=None):
    command = ["psql", url, "-v", "ON_ERROR_STOP=1", "-qAtX"]
    command += ["-f", str(file)] if file else ["-c", sql]
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode != 0:
        raise BenchFailure(f"psql failed ({(sql or str(file))[:200]}): {out.stderr.strip()[:1000]}")
    return out.stdout.strip()


def copy_to_stdout_seconds(url, select):
    """psql's own timing of a COPY TO STDOUT in Porter's plan, its output discarded."""
    out = subprocess.run(["psql", url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "SET enable_sort = off",
                          "-c", "\\timing on", "-c", f"COPY ({select}) TO STDOUT (FORMAT csv, HEADER)", "-o", "/dev/null"],
                         capture_output=True, text=True)
    match = re.search(r"Time: ([\d.]+) ms", out.stdout)
    if out.returncode != 0 or not match:
        raise BenchFailure(f"COPY TO STDOUT failed: {out.stderr.strip() or out.stdout.strip()}")
    return float(match.group(1)) / 1000


def sql_literal(text):
    return "'" + text.replace("'", "''") + "'"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mib(number, unit):
    return float(number) * {"K": 1 / 1024, "M": 1.0, "G": 1024.0}[unit]


def job_seconds(job, start="startedAt", end="completedAt"):
    try:
        a, b = (datetime.datetime.fromisoformat(job[k].replace("Z", "+00:00")) for k in (start, end))
        return f"{(b - a).total_seconds():.2f}"
    except (KeyError, TypeError, ValueError, AttributeError):
        return "?"


def csv_records(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def count_records(fmt, path):
    """CSV rows by a real parser, minus the header; XLSX <row> elements of every sheet minus one header each;
    JSON objects by their "email" key (a quote inside a value is escaped, so it cannot fake one)."""
    if fmt == "csv":
        return csv_records(path)
    if fmt == "xlsx":
        with zipfile.ZipFile(path) as z:
            sheets = [n for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
            return sum(count_bytes(z.open(n), b"<row ") + count_bytes(z.open(n), b"<row>") - 1 for n in sheets)
    with open(path, "rb") as f:
        head = f.read(64).lstrip()
        f.seek(-64, os.SEEK_END)
        tail = f.read().rstrip()
    if not head.startswith(b"[") or not tail.endswith(b"]"):
        return -1
    with open(path, "rb") as f:
        return count_bytes(f, b'"email":')


def count_bytes(stream, pattern):
    count, carry = 0, b""
    with stream:
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                return count
            data = carry + chunk
            count += data.count(pattern)
            # shorter than the pattern, so no match lies wholly in it: none is counted twice
            carry = data[-(len(pattern) - 1):]


def export_row_key(row):
    return hash(tuple(row))


EXPORT_HEADER = ["email", "firstName", "lastName", "company", "phone", "customFields.plan", "customFields.score"]


def csv_fingerprint(path, header):
    """Order-free fingerprint of a CSV's data rows (sum of row hashes) and its row count; None for a wrong header."""
    total, n = 0, 0
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        if next(reader) != header:
            return None
        for row in reader:
            total = (total + export_row_key(row)) & ((1 << 64) - 1)
            n += 1
    return total, n


def expected_export_fingerprint(generated_file, custom):
    """What Porter's CSV export of a generated file must hold: the columns as stored (phones in E.164)."""
    total, n = 0, 0
    with open(generated_file, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for email, first, last, company, phone, plan, score in reader:
            row = [email, first, last, company, gen_contacts.e164(phone)] + ([plan, score] if custom else [])
            total = (total + export_row_key(row)) & ((1 << 64) - 1)
            n += 1
    return total, n


if __name__ == "__main__":
    main()
