#!/usr/bin/env python3
"""Import speed against PostgreSQL's COPY, back to back, with where the CPU went (issue 6 working tool).

usage: scripts/bench/import-speed.py ROWS [--only-new] [--rollback] [--keep-db] [--heap 256m]

1. COPY of the N-row file (scripts/bench/gen_contacts.py) into an empty table with the contacts
   columns and indexes (email_key and custom_fields as generated columns, so COPY fills them from
   the CSV), in a scratch database, timed by psql's \\timing;
2. Porter from target/porter.jar (-Xmx256m) on a fresh database: upload and import the file into an
   empty tenant (update, the rollback log on), then the same file with 30% of the rows changed
   (unless --only-new); each timed by the job's startedAt -> completedAt; with --rollback, both
   imports are rolled back afterwards and timed;
3. COPY again; prints rows/s of each import, the ratio to the mean of the two COPY runs, the CPU
   seconds of Porter (per thread group) and of its PostgreSQL backends, and the machine's idle share
   (a shared machine: compare ratios of one run, repeat when the idle share is near 0).
Needs what scripts/import-1m.sh needs; builds nothing (run mvn -B package -DskipTests first).
"""
import base64, hashlib, hmac, json, os, re, socket, subprocess, sys, time, urllib.request, uuid
from datetime import datetime

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(root)
args = sys.argv[1:]
if not args or not args[0].isdigit():
    print(__doc__)
    sys.exit(2)
rows = int(args[0])
only_new, keep_db = "--only-new" in args, "--keep-db" in args
heap = args[args.index("--heap") + 1] if "--heap" in args else "256m"
os.makedirs("target/bench", exist_ok=True)
file_new = f"target/bench/contacts-{rows}.csv"
file_changed = f"target/bench/contacts-{rows}-changed30.csv"
for path, extra in ((file_new, []), (file_changed, ["--change-pct", "30"])):
    if not os.path.exists(path):
        subprocess.check_call(["python3", "scripts/bench/gen_contacts.py", str(rows), path + ".tmp"] + extra)
        os.rename(path + ".tmp", path)


def psql(db, *commands):
    argv = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-qAt", "-v", "ON_ERROR_STOP=1"]
    for command in commands:
        argv += ["-c", command]
    return subprocess.run(argv, capture_output=True, text=True, check=True).stdout


COPY_TABLE = """
CREATE FUNCTION custom_fields_of(plan text, score text) RETURNS jsonb IMMUTABLE LANGUAGE sql
    AS $$ SELECT jsonb_build_object('plan', plan, 'score', score) $$;
CREATE TABLE contacts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000001',
    email text,
    email_key text GENERATED ALWAYS AS (lower(btrim(email))) STORED,
    first_name text, last_name text, company text, phone text, plan text, score text,
    custom_fields jsonb GENERATED ALWAYS AS (custom_fields_of(plan, score)) STORED,
    duplicate_of uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now());
CREATE UNIQUE INDEX ON contacts (tenant_id, email_key) WHERE duplicate_of IS NULL;
CREATE INDEX ON contacts (tenant_id, created_at, id);
CREATE INDEX ON contacts (duplicate_of) WHERE duplicate_of IS NOT NULL;
CHECKPOINT;
"""


def copy_rate():
    """rows/s of COPY into a fresh contacts-shaped table, timed by the database (psql \\timing)."""
    scratch = f"porter_copy_{os.getpid()}"
    psql("postgres", f'DROP DATABASE IF EXISTS "{scratch}"', f'CREATE DATABASE "{scratch}"')
    try:
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", scratch, "-q", "-v", "ON_ERROR_STOP=1"],
                       input=COPY_TABLE, text=True, check=True, capture_output=True)
        out = psql(scratch, "\\timing on", "\\copy contacts (email, first_name, last_name, company, phone, plan, score) "
                   f"FROM '{os.path.abspath(file_new)}' WITH (FORMAT csv, HEADER true)")
        return rows / (float(re.search(r"Time: ([0-9.]+) ms", out).group(1)) / 1000)
    finally:
        psql("postgres", f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def ticks(path):
    fields = open(path).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def threads(pid):
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            stat = open(f"/proc/{pid}/task/{tid}/stat").read()
            out[(tid, re.sub(r"\d+", "N", stat[stat.index("(") + 1:stat.rindex(")")]))] = ticks(f"/proc/{pid}/task/{tid}/stat")
        except OSError:
            pass
    return out


def machine():
    values = list(map(int, open("/proc/stat").readline().split()[1:]))
    return sum(values), values[3] + values[4]


db = f"porter_speed_{int(time.time())}_{os.getpid()}"
backend_cpu = {}


def postgres_cpu():
    """CPU seconds of this database's backends so far (one that exited keeps its last reading)."""
    for pid in psql("postgres", f"SELECT pid FROM pg_stat_activity WHERE datname = '{db}'").split():
        try:
            backend_cpu[pid] = ticks(f"/proc/{pid}/stat")
        except OSError:
            pass
    return sum(backend_cpu.values())


copy_before = copy_rate()
print(f"COPY before: {copy_before:.0f} rows/s", flush=True)
port = (lambda s: (s.bind(("127.0.0.1", 0)), s.getsockname()[1])[1])(socket.socket())
secret = base64.b64encode(os.urandom(48)).decode()
run = f"target/bench/speed-{datetime.now():%Y%m%d-%H%M%S}"
os.makedirs(run + "/files")
env = dict(os.environ, PORTER_DB_URL=f"postgresql://postgres@127.0.0.1:5432/{db}", PORTER_JWT_SECRET=secret,
           PORTER_HTTP_HOST="127.0.0.1", PORTER_HTTP_PORT=str(port), PORTER_STORAGE="local",
           PORTER_STORAGE_DIR=os.path.abspath(run + "/files"), PORTER_CONFIG=os.path.abspath("conf/config.yaml"))
porter = subprocess.Popen(["java", f"-Xmx{heap}", f"-Xlog:gc:file={run}/gc.log:uptime", "-jar", "target/porter.jar"],
                          env=env, stdout=open(run + "/porter.log", "w"), stderr=subprocess.STDOUT)
b64 = lambda raw: base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
body = b64(json.dumps({"sub": str(uuid.uuid4()), "tenantId": str(uuid.uuid4()), "iat": int(time.time()),
                       "exp": int(time.time()) + 36000}).encode())
token = f"{head}.{body}.{b64(hmac.new(secret.encode(), f'{head}.{body}'.encode(), hashlib.sha256).digest())}"
base = f"http://127.0.0.1:{port}"


def call(path, data=None, content_type="application/json"):
    request = urllib.request.Request(base + path, data=data,
                                     headers={"Authorization": "Bearer " + token, "Content-Type": content_type})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def wait_for(job_id, states):
    while True:
        postgres_cpu()
        job = call(f"/api/contacts/import/{job_id}")
        if job["status"] in states:
            return job
        time.sleep(0.25)


def seconds(job, start, end):
    return (datetime.fromisoformat(job[end].replace("Z", "+00:00"))
            - datetime.fromisoformat(job[start].replace("Z", "+00:00"))).total_seconds()


def import_file(path):
    upload = call(f"/api/uploads?fileName={os.path.basename(path)}", open(path, "rb").read(), "text/csv")
    java0, pg0, threads0, machine0 = ticks(f"/proc/{porter.pid}/stat"), postgres_cpu(), threads(porter.pid), machine()
    started = call("/api/contacts/import", json.dumps({"fileName": os.path.basename(path), "fileUrl": upload["fileUrl"],
                                                        "options": {"duplicateStrategy": "update"}}).encode())
    job = wait_for(started["jobId"], ("completed", "failed", "cancelled"))
    took = seconds(job, "startedAt", "completedAt")
    total, idle = (now - then for now, then in zip(machine(), machine0))
    by_thread = {}
    for key, cpu in threads(porter.pid).items():
        by_thread[key[1]] = by_thread.get(key[1], 0) + cpu - threads0.get(key, 0)
    print(f"{os.path.basename(path)}: {job['status']} created={job['createdCount']} updated={job['updatedCount']} "
          f"skipped={job['skippedCount']} errors={job['errorCount']} in {took:.1f} s -> {rows / took:.0f} rows/s | "
          f"machine idle {100 * idle / max(total, 1):.0f}% | CPU s: porter {ticks(f'/proc/{porter.pid}/stat') - java0:.1f} "
          f"postgres {postgres_cpu() - pg0:.1f}\n    porter threads: "
          + " ".join(f"{name}={cpu:.1f}" for name, cpu in sorted(by_thread.items(), key=lambda x: -x[1]) if cpu >= 0.1),
          flush=True)
    return rows / took, job


def roll_back(job):
    asked = time.time()
    call(f"/api/contacts/import/{job['id']}/rollback", b"{}")
    done = wait_for(job["id"], ("rolled_back", "failed", "completed"))
    count = psql(db, "SELECT count(*) FROM contacts").strip()
    print(f"rollback of {os.path.basename(job['fileName'])}: {done['status']} {done.get('rollback')} "
          f"in {time.time() - asked:.1f} s (request to rolled back, polled every 0.25 s); contacts now {count}", flush=True)


try:
    for _ in range(240):
        try:
            urllib.request.urlopen(base + "/health")
            break
        except OSError:
            time.sleep(0.5)
    new_rate, new_job = import_file(file_new)
    changed_rate = None
    if not only_new:
        changed_rate, changed_job = import_file(file_changed)
    if "--rollback" in args:
        if not only_new:
            roll_back(changed_job)
        roll_back(new_job)
finally:
    porter.terminate()
    porter.wait(30)
    if not keep_db:
        psql("postgres", f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
copy_after = copy_rate()
copy = (copy_before + copy_after) / 2
print(f"COPY after: {copy_after:.0f} rows/s")
print(f"RATIO new: {new_rate:.0f}/{copy:.0f} = {new_rate / copy:.2f}"
      + (f"   30% changed: {changed_rate:.0f}/{copy:.0f} = {changed_rate / copy:.2f}" if changed_rate else ""))
